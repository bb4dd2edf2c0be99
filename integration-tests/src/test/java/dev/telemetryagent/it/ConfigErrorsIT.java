package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A config that cannot be used: one clear stderr line, nothing instrumented, nothing sent, the app unchanged. */
class ConfigErrorsIT extends AgentIT {

    private ChildJvm cli() {
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args("hello", "-n", "x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[sender]\\nformat = \"xml\"|sender.format|:6:",
        "[sender]\\nendpoint = \"http://collector.example.com\"|sender.endpoint|:6:",
        "[telemetry]\\nmood = \"happy\"|telemetry.mood|:6:",
        "[[instrument]]\\nclass = \"x.Y\"\\nmethods = [\"run\"]\\nhash = { n = \"self.name\" }|instrument[2].hash.n|:8:",
        "oops = = 1|oops|:5:",
    })
    void oneLineNamingFileLineAndKeyThenAnUninstrumentedRun(String broken, String key, String line) throws Exception {
        String text = "[app]\nname = \"sample\"\n" + "[[instrument]]\npicocli = true\n"
                + broken.replace("\\n", "\n") + "\n";
        Path config = ChildJvm.write(home, "bad.toml", text);
        ChildJvm.Result plain = cli().withoutAgent().run();
        ChildJvm.Result agent = cli().config(config).jvmArg("-Xlog:class+load=info:file=" + home.resolve("classes.txt"))
                .run();
        assertEquals(plain.stdout, agent.stdout);
        assertEquals(plain.exitCode, agent.exitCode);
        List<String> lines = agent.agentLines();
        assertEquals(1, lines.size(), agent.stderr);
        assertEquals(agent.stderr.trim(), lines.get(0), "nothing else on stderr");
        assertTrue(lines.get(0).contains(config.toString() + line), lines.get(0));
        if (!key.equals("oops")) {
            assertTrue(lines.get(0).contains("'" + key + "'"), lines.get(0));
        }
        String loaded = Files.readString(home.resolve("classes.txt"));
        assertFalse(loaded.contains("shaded.bytebuddy"), "Byte Buddy must not be loaded");
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());
    }

    @Test
    void noConfigFoundSaysWhereItLooked() {
        ChildJvm.Result plain = cli().withoutAgent().run();
        ChildJvm.Result agent = cli().run();
        assertEquals(plain.stdout, agent.stdout);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(1, agent.agentLines().size(), agent.stderr);
        assertTrue(agent.agentLines().get(0).contains("no config found"), agent.stderr);
        assertTrue(agent.agentLines().get(0).contains("TELEMETRY_AGENT_CONFIG"), agent.stderr);
    }

    @Test
    void configIsFoundThroughTheEnvironmentAndThePropertyButNeverTheWorkingDirectory() throws Exception {
        Path good = ChildJvm.write(home, "cfg/agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.picocli());
        Path workdir = good.getParent();
        ChildJvm.Result fromWorkdir = cli().workingDir(workdir).run();
        assertTrue(fromWorkdir.agentLines().get(0).contains("no config found"), fromWorkdir.stderr);

        ChildJvm.Result fromEnv = cli().env("TELEMETRY_AGENT_CONFIG", good.toString()).run();
        assertTrue(fromEnv.agentLines().isEmpty(), fromEnv.stderr);
        ChildJvm.Result fromProperty = cli().jvmArg("-Dtelemetry.agent.config=" + good).run();
        assertTrue(fromProperty.agentLines().isEmpty(), fromProperty.stderr);
        collector.awaitRequests(2, java.time.Duration.ofSeconds(15));
    }

    @Test
    void anUnknownAgentOptionIsOneLine() {
        ChildJvm.Result agent = cli().agentArgs("konfig=/x").run();
        assertEquals(0, agent.exitCode);
        assertEquals(1, agent.agentLines().size(), agent.stderr);
        assertTrue(agent.agentLines().get(0).contains("konfig=/x"), agent.stderr);
    }
}
