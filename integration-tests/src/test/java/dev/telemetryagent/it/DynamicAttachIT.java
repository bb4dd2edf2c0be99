package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent loaded into a running pipeline with {@code jcmd <pid> JVMTI.agent_load <jar> '"config=<path>"'}:
 * classes already loaded (an exact class and an implementation of a subtypes entry) are retransformed,
 * calls after the attach are recorded and sent at exit, and the same opt-outs apply as with -javaagent.
 */
class DynamicAttachIT extends AgentIT {
    private static final int MORE = 20;

    private Path config;
    private ChildJvm.Running running;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml", Configs.header("")
                + Configs.sender(collector, "max_events_per_run = 5000")
                + "[[instrument]]\nclass = \"sample.compat.Job\"\nmethods = [\"step\"]\ncategory = \"job\"\n\n"
                + "[[instrument]]\nclass = \"sample.compat.Task\"\nsubtypes = true\nmethods = [\"perform\"]\n"
                + "category = \"task\"\nproperties = { input = \"arg0\" }\n");
    }

    @AfterEach
    void tearDown() {
        if (running != null) {
            running.kill();
        }
    }

    /**
     * Starts the loop, attaches, lets it run {@link #MORE} more iterations and returns what it did. jcmd
     * reads {@code key=value} as its own option, so the agent option is quoted.
     */
    private ChildJvm.Result attachToLoop(ChildJvm child, String agentOptions) throws Exception {
        return attachToLoop(child, agentOptions, "loop");
    }

    /** @param firstArgs the loop's arguments before the go file */
    private ChildJvm.Result attachToLoop(ChildJvm child, String agentOptions, String... firstArgs) throws Exception {
        Path go = home.resolve("go");
        List<String> args = new java.util.ArrayList<>(List.of(firstArgs));
        args.add(go.toString());
        running = child.classpath(SampleApps.compatClasspath(), "sample.compat.CompatMain")
                .args(args.toArray(new String[0])).withoutAgent().start();
        running.awaitStdout("ready", Duration.ofSeconds(30));
        Path jcmd = Paths.get(ChildJvm.JAVA).getParent().resolve("jcmd");
        ChildJvm.Result attach = ChildJvm.in(home).runCommand(List.of(jcmd.toString(), String.valueOf(running.pid()),
                "JVMTI.agent_load", ChildJvm.AGENT_JAR, "\"" + agentOptions + "\""));
        assertEquals(0, attach.exitCode, attach.toString());
        assertTrue(attach.stdout.contains("return code: 0"), attach.stdout);
        Files.writeString(go, String.valueOf(MORE));
        return running.finish();
    }

    private static boolean dynamicLoadingWarns() {
        return ChildJvm.javaFeature() >= 21;
    }

    @Test
    void anAttachNeverTakesTheApplicationsArgumentsForAControlCommand() throws Exception {
        ChildJvm child = ChildJvm.in(home);
        if (dynamicLoadingWarns()) {
            child.jvmArg("-XX:+EnableDynamicAgentLoading");
        }
        ChildJvm.Result run = attachToLoop(child, "config=" + config, "--telemetry", "status");
        assertEquals(0, run.exitCode, "the running application was not ended: " + run);
        assertEquals("ready\ndone " + MORE + "\n", run.stdout, "and printed no status");
    }

    @Test
    void classesLoadedBeforeTheAttachAreInstrumented() throws Exception {
        ChildJvm child = ChildJvm.in(home);
        if (dynamicLoadingWarns()) {
            child.jvmArg("-XX:+EnableDynamicAgentLoading");
        }
        ChildJvm.Result run = attachToLoop(child, "config=" + config);
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("ready\ndone " + MORE + "\n", run.stdout);
        assertEquals("", run.stderr, "nothing on stderr with -XX:+EnableDynamicAgentLoading");

        collector.awaitJsonEvents(2 * MORE, Duration.ofSeconds(20));
        awaitSpoolsEmpty();
        List<JsonNode> events = collector.jsonEvents();
        List<JsonNode> after = events.stream()
                .filter(e -> e.path("properties").path("input").asText().equals("after")).collect(Collectors.toList());
        assertEquals(MORE, after.size(), "every call after the go signal, once: " + events);
        after.forEach(e -> assertEquals("task_perform", e.path("event").asText()));
        long steps = events.stream().filter(e -> e.path("event").asText().equals("job_step")).count();
        long performs = events.stream().filter(e -> e.path("event").asText().equals("task_perform")).count();
        assertTrue(steps >= MORE, "job_step events: " + steps);
        // Both classes switch to woven code at one safepoint, which may fall between the two calls.
        assertTrue(Math.abs(steps - performs) <= 1, "once per iteration each: " + steps + " / " + performs);
    }

    @Test
    void withoutTheFlagOnlyTheJvmWarnsAboutTheDynamicAgent() throws Exception {
        ChildJvm.Result run = attachToLoop(ChildJvm.in(home), "config=" + config);
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("ready\ndone " + MORE + "\n", run.stdout);
        for (String line : run.stderr.split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("WARNING: "), "only the JVM's own warning: " + run.stderr);
        }
        assertEquals(dynamicLoadingWarns(), run.stderr.contains("WARNING: A Java agent has been loaded dynamically"),
                run.stderr);
        collector.awaitJsonEvents(2 * MORE, Duration.ofSeconds(20));
    }

    @Test
    void optOutsApplyToALateAttach() throws Exception {
        ChildJvm child = ChildJvm.in(home).env("DO_NOT_TRACK", "1");
        if (dynamicLoadingWarns()) {
            child.jvmArg("-XX:+EnableDynamicAgentLoading");
        }
        ChildJvm.Result run = attachToLoop(child, "config=" + config);
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("", run.stderr);
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount(), "nothing sent");
    }

    @Test
    void theConfigsModeOffAppliesToALateAttach() throws Exception {
        Path off = ChildJvm.write(home, "off.toml", Files.readString(config)
                .replace("[telemetry]\n", "[telemetry]\nmode = \"off\"\n"));
        ChildJvm child = ChildJvm.in(home);
        if (dynamicLoadingWarns()) {
            child.jvmArg("-XX:+EnableDynamicAgentLoading");
        }
        ChildJvm.Result run = attachToLoop(child, "config=" + off);
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("", run.stderr);
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount(), "nothing sent");
    }
}
