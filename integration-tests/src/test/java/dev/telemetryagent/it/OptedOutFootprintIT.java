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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opted out, the agent loads no Byte Buddy and no Jackson, installs no transformer (none of its
 * instrumentation, recording or sending classes is even loaded), and adds no thread and no shutdown
 * hook: the sample app lists its threads and hooks, and the list is the one of a run without the agent.
 */
class OptedOutFootprintIT extends AgentIT {
    private static final String[] NEVER_LOADED = {
        "dev.telemetryagent.shaded.bytebuddy.", "net.bytebuddy.", "com.fasterxml.jackson.",
        "dev.telemetryagent.instrument.", "dev.telemetryagent.record.", "dev.telemetryagent.send.",
        "dev.telemetryagent.bootstrap.", "dev.telemetryagent.event.",
    };


    private Path config(String telemetry) {
        String header = Configs.header(telemetry);
        if (telemetry.contains("consent =")) {
            header = header.replace("consent = \"none\"\n", "");
        }
        return ChildJvm.write(home, "agent-config.toml",
                header + Configs.sender(collector, "") + Configs.picocli() + Configs.pipeline());
    }

    private ChildJvm threads(Path classLog) {
        return ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain")
                .args("threads").jvmArg("--add-opens=java.base/java.lang=ALL-UNNAMED")
                .jvmArg("-Xlog:class+load=info:file=" + classLog);
    }

    private static List<String> agentClasses(Path classLog) throws Exception {
        return Files.readAllLines(classLog).stream().filter(l -> l.contains(" dev.telemetryagent.")
                || l.contains(" net.bytebuddy.") || l.contains(" com.fasterxml.jackson."))
                .map(l -> l.substring(l.indexOf("load] ") + "load] ".length()).split(" ")[0])
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DO_NOT_TRACK", "CI", "user file", "consent notice", "mode off"})
    void optedOutLoadsNothingHeavyAndStartsNothing(String rule) throws Exception {
        Path config = config(rule.equals("consent notice") ? "consent = \"notice\""
                : rule.equals("mode off") ? "mode = \"off\"" : "");
        if (rule.equals("user file")) {
            ChildJvm.write(home, ".sample/telemetry.toml", "enabled = false\n");
        }
        Path plainLog = home.resolve("plain.log");
        ChildJvm.Result plain = threads(plainLog).withoutAgent().run();
        assertTrue(plain.stdout.contains("shutdown_hooks=0"), "hooks are visible to the app: " + plain.stdout);

        Path log = home.resolve("agent.log");
        ChildJvm agent = threads(log).config(config);
        if (rule.equals("DO_NOT_TRACK")) {
            agent.env("DO_NOT_TRACK", "1");
        } else if (rule.equals("CI")) {
            agent.env("CI", "true");
        }
        ChildJvm.Result r = agent.run();
        assertEquals(plain.stdout, r.stdout, "same threads, same hooks: " + r);
        assertEquals(plain.exitCode, r.exitCode);
        assertTrue(r.agentLines().isEmpty(), r.stderr);

        List<String> loaded = agentClasses(log);
        for (String prefix : NEVER_LOADED) {
            for (String c : loaded) {
                assertFalse(c.startsWith(prefix), rule + " loaded " + c + "; all: " + loaded);
            }
        }
        System.out.println("[footprint] " + rule + ": " + loaded.size() + " agent classes loaded: " + loaded);
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());
    }

    @Test
    void enabledTheSameChecksSeeByteBuddyAndTheExitHook() throws Exception {
        Path config = config("");
        Path log = home.resolve("enabled.log");
        ChildJvm.Result r = threads(log).config(config).run();
        assertTrue(r.stdout.contains("shutdown_hooks=1"), r.toString());
        assertTrue(agentClasses(log).stream().anyMatch(c -> c.startsWith("dev.telemetryagent.shaded.bytebuddy.")));
    }
}
