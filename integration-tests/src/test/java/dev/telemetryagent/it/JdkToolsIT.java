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
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent attached to every JVM through JAVA_TOOL_OPTIONS stays silent and inert in the JDK's own
 * tools: their stdout, exit code and stderr are unchanged but for the JVM's own "Picked up
 * JAVA_TOOL_OPTIONS" line, nothing is instrumented, sent or written. The same variable does instrument
 * an ordinary application, so the route itself works.
 */
class JdkToolsIT extends AgentIT {
    private static final Path BIN = Paths.get(ChildJvm.JAVA).getParent();

    private String toolOptions;

    @BeforeEach
    void setUp() throws Exception {
        // An instrument entry that names a class javac really runs, so an active agent would send.
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + "[[instrument]]\nclass = \"com.sun.tools.javac.main.Main\"\nmethods = [\"compile\"]\n\n"
                + "[[instrument]]\nclass = \"sample.compat.Job\"\nmethods = [\"hit\"]\ncategory = \"job\"\n");
        toolOptions = "-javaagent:" + ChildJvm.AGENT_JAR + "=config=" + config;
    }

    private ChildJvm.Result tool(String options, List<String> command) {
        ChildJvm child = ChildJvm.in(home).env("TELEMETRY_AGENT_DEBUG", "1");
        if (options != null) {
            child.env("JAVA_TOOL_OPTIONS", options);
        }
        return child.runCommand(command);
    }

    /** Runs the tool with and without the agent and compares everything but the JVM's own line. */
    private void assertUnchanged(String options, String... command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(BIN.resolve(command[0]).toString());
        cmd.addAll(List.of(command).subList(1, command.length));
        ChildJvm.Result plain = tool(null, cmd);
        ChildJvm.Result agent = tool(options, cmd);
        assertEquals(plain.exitCode, agent.exitCode, agent.toString());
        assertEquals(plain.stdout, agent.stdout, command[0] + " stdout");
        String picked = "Picked up JAVA_TOOL_OPTIONS: " + options + "\n";
        assertTrue(agent.stderr.startsWith(picked), agent.stderr);
        assertEquals(plain.stderr, agent.stderr.substring(picked.length()), command[0] + " stderr");
    }

    @Test
    void javacJarKeytoolAndJavapAreUntouched() throws Exception {
        Path src = ChildJvm.write(home, "src/Hello.java", "public class Hello { public static void main(String[] a) {} }\n");
        Path out = home.resolve("out");
        for (String options : List.of(toolOptions, "-javaagent:" + ChildJvm.AGENT_JAR)) {
            assertUnchanged(options, "javac", "-d", out.toString(), src.toString());
            assertTrue(Files.exists(out.resolve("Hello.class")));
            assertUnchanged(options, "javap", "-cp", out.toString(), "Hello");
            assertUnchanged(options, "jar", "--create", "--file", home.resolve("hello.jar").toString(),
                    "-C", out.toString(), ".");
            assertUnchanged(options, "jar", "--list", "--file", home.resolve("hello.jar").toString());
            assertUnchanged(options, "keytool", "-help");
            assertUnchanged(options, "javac", "--version");
        }
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount(), "nothing sent");
        assertFalse(Files.exists(home.resolve(".sample")), "no state written");
    }

    @Test
    void jpsAndJcmdAreSilent() throws Exception {
        for (String tool : List.of("jps", "jcmd")) {
            ChildJvm.Result agent = tool(toolOptions, List.of(BIN.resolve(tool).toString(), "-l"));
            assertEquals(0, agent.exitCode, agent.toString());
            assertEquals("Picked up JAVA_TOOL_OPTIONS: " + toolOptions + "\n", agent.stderr);
        }
        assertEquals(0, collector.requestCount());
        assertFalse(Files.exists(home.resolve(".sample")));
    }

    @Test
    void theSameVariableInstrumentsAnOrdinaryApplication() throws Exception {
        ChildJvm.Result app = ChildJvm.in(home).withoutAgent().env("JAVA_TOOL_OPTIONS", toolOptions)
                .classpath(SampleApps.compatClasspath(), "sample.compat.CompatMain").args("threads", "1", "3").run();
        assertEquals(0, app.exitCode, app.toString());
        assertEquals(3, collector.awaitJsonEvents(3, Duration.ofSeconds(15)).size());
    }
}
