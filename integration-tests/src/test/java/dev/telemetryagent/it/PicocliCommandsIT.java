package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** picocli commands under the agent: events named by the executed command, options by name only. */
class PicocliCommandsIT extends AgentIT {
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.picocli());
    }

    /** The version the agent jar's manifest declares: what every event must report as the agent's. */
    private static String agentVersion() throws Exception {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR)) {
            return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
    }

    private JsonNode onlyEvent() throws InterruptedException {
        List<JsonNode> events = collector.awaitJsonEvents(1, Duration.ofSeconds(15));
        awaitSpoolsEmpty();
        assertEquals(1, collector.jsonEvents().size(), "exactly one event: " + collector.jsonEvents());
        return events.get(0);
    }

    @Test
    void nestedSubcommandIsOneEventWithOptionNamesAndNoValues() throws Exception {
        ChildJvm.Result plain = cli("data", "load", "--table", "secret_table", "--dry-run", "/home/alice/x.csv")
                .withoutAgent().run();
        ChildJvm.Result agent = cli("data", "load", "--table", "secret_table", "--dry-run", "/home/alice/x.csv")
                .config(config).run();

        assertEquals(plain.stdout, agent.stdout);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(0, agent.exitCode, agent.toString());
        assertTrue(agent.agentLines().isEmpty(), agent.stderr);

        JsonNode e = onlyEvent();
        assertEquals("command_data_load", e.path("event").asText());
        JsonNode p = e.path("properties");
        assertEquals("command", p.path("event_category").asText());
        assertEquals("data load", p.path("event_name").asText());
        assertEquals(0, p.path("exit_code").asInt());
        assertTrue(p.path("success").asBoolean());
        assertTrue(p.path("elapsed").isNumber());
        assertEquals("[\"--table\",\"--dry-run\"]", p.path("options").toString());
        assertTrue(e.path("anonymousId").asText().matches("[0-9a-f]{32}"));
        assertFalse(e.has("userId"));
        assertTrue(e.path("messageId").asText().matches("[0-9a-f]{32}"));
        assertTrue(e.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        JsonNode c = e.path("context");
        assertEquals("sample", c.path("library").path("name").asText());
        assertEquals("1.0.0", c.path("library").path("version").asText());
        assertEquals("telemetry-agent", c.path("agent").path("name").asText());
        assertEquals(agentVersion(), c.path("agent").path("version").asText());
        assertEquals(System.getProperty("os.name"), c.path("os").path("name").asText());
        assertTrue(c.path("run_id").asText().matches("[0-9a-f]{32}"));
        assertFalse(c.path("ci_run").asBoolean());
        assertTrue(c.path("cpu").asInt() > 0);
        assertTrue(c.path("exec_info").isArray());

        String wire = collector.allBytes();
        assertFalse(wire.contains("secret_table"), wire);
        assertFalse(wire.contains("alice"), wire);
        assertFalse(wire.contains("x.csv"), wire);
    }

    @Test
    void shortOptionIsReportedAsTypedAndRootCommandAloneIsNamedByRoot() throws Exception {
        ChildJvm.Result agent = cli("-v").config(config).run();
        assertEquals(0, agent.exitCode, agent.toString());
        JsonNode e = onlyEvent();
        assertEquals("command_sample", e.path("event").asText());
        assertEquals("sample", e.path("properties").path("event_name").asText());
        assertEquals("[\"-v\"]", e.path("properties").path("options").toString());
    }

    @Test
    void nonZeroExitCodeIsAFailureAndTheExitCodeIsUnchanged() throws Exception {
        ChildJvm.Result plain = cli("exit", "3").withoutAgent().run();
        ChildJvm.Result agent = cli("exit", "3").config(config).run();
        assertEquals(3, plain.exitCode);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode p = onlyEvent().path("properties");
        assertEquals(3, p.path("exit_code").asInt());
        assertFalse(p.path("success").asBoolean());
    }

    @Test
    void failingCommandKeepsItsOutputAndSendsNoSecret() throws Exception {
        ChildJvm.Result plain = cli("fail", "--password", "hunter2").withoutAgent().run();
        ChildJvm.Result agent = cli("fail", "--password", "hunter2").config(config).run();
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        assertTrue(agent.stderr.contains("IllegalStateException"), "picocli still reports the failure");
        JsonNode e = onlyEvent();
        assertEquals("command_fail", e.path("event").asText());
        assertEquals(1, e.path("properties").path("exit_code").asInt());
        assertEquals("[\"--password\"]", e.path("properties").path("options").toString());
        String wire = collector.allBytes();
        assertFalse(wire.contains("hunter2"), wire);
        assertFalse(wire.contains("alice"), wire);
    }

    @Test
    void usageErrorIsRecordedWithPicoclisExitCode() throws Exception {
        ChildJvm.Result plain = cli("hello", "--no-such-option").withoutAgent().run();
        ChildJvm.Result agent = cli("hello", "--no-such-option").config(config).run();
        assertEquals(2, plain.exitCode);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode p = onlyEvent().path("properties");
        assertEquals(2, p.path("exit_code").asInt());
        assertFalse(collector.allBytes().contains("no-such-option"));
    }

    @Test
    void commandsBuiltInCodeWithTheirOwnExecutionStrategyAreRecorded() throws Exception {
        String[] args = {"--log-level", "debug", "update", "--changelog-file=/srv/app/changes.xml", "--url",
            "jdbc:broken://db.internal:5432/prod?password=s3cret"};
        ChildJvm.Result plain = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SpecCli")
                .args(args).withoutAgent().run();
        ChildJvm.Result agent = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SpecCli")
                .args(args).config(config).run();
        assertEquals(5, plain.exitCode);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode e = onlyEvent();
        assertEquals("command_update", e.path("event").asText());
        JsonNode p = e.path("properties");
        assertEquals(5, p.path("exit_code").asInt());
        assertFalse(p.path("success").asBoolean());
        assertEquals("[\"--log-level\",\"--changelog-file\",\"--url\"]", p.path("options").toString());
        String wire = collector.allBytes();
        for (String secret : new String[] {"s3cret", "db.internal", "changes.xml", "/srv/app", "debug"}) {
            assertFalse(wire.contains(secret), secret + " leaked: " + wire);
        }
    }

    @Test
    void theAgentAttachedTwiceRecordsEachCommandOnce() throws Exception {
        ChildJvm.Result agent = cli("hello").config(config)
                .jvmArg("-javaagent:" + ChildJvm.AGENT_JAR + "=config=" + config).run();
        assertEquals("Hello, world!\n", agent.stdout);
        assertTrue(agent.agentLines().isEmpty(), agent.stderr);
        assertEquals("command_hello", onlyEvent().path("event").asText());
    }
}
