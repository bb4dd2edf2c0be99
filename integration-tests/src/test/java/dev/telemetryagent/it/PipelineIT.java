package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configured methods of a dlt-like pipeline: one event per call, hashes, properties, success rules. */
class PipelineIT extends AgentIT {
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.pipeline());
    }

    private List<JsonNode> events(int n) throws InterruptedException {
        collector.awaitJsonEvents(n, Duration.ofSeconds(15));
        awaitSpoolsEmpty();
        List<JsonNode> events = collector.jsonEvents();
        assertEquals(n, events.size(), "events: " + events);
        return events;
    }

    private static JsonNode named(List<JsonNode> events, String name) {
        List<JsonNode> matches = events.stream().filter(e -> e.path("event").asText().equals(name))
                .collect(Collectors.toList());
        assertEquals(1, matches.size(), name + " in " + events);
        return matches.get(0).path("properties");
    }

    @Test
    void eachStepIsOneEventWithHashesPropertiesAndSuccess() throws Exception {
        ChildJvm.Result plain = pipeline("run", "chess_pipeline", "games").withoutAgent().run();
        ChildJvm.Result agent = pipeline("run", "chess_pipeline", "games").config(config).run();
        assertEquals(plain.stdout, agent.stdout);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals("status=COMPLETED rows=7\n", agent.stdout);
        assertTrue(agent.agentLines().isEmpty(), agent.stderr);

        // run, extract, normalize (recursive: once), load, and the CsvSource.fetch inside extract.
        List<JsonNode> events = events(5);
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.path("event").asText()));
        assertEquals(List.of("source_fetch", "pipeline_extract", "pipeline_normalize", "pipeline_load", "pipeline_run"),
                names, "completion order");

        JsonNode load = named(events, "pipeline_load");
        assertEquals("pipeline", load.path("event_category").asText());
        assertEquals("load", load.path("event_name").asText());
        assertTrue(load.path("success").asBoolean());
        assertEquals("duckdb", load.path("destination_name").asText());
        // HMAC-SHA256("test-salt", value), first 15 bytes, base64url: computed independently.
        assertEquals(expectedHash("chess_pipeline"), load.path("pipeline_name_hash").asText());
        assertEquals(expectedHash("games"), load.path("dataset_name_hash").asText());
        assertTrue(load.path("elapsed").isNumber());
        assertFalse(load.has("error_type"));

        JsonNode run = named(events, "pipeline_run");
        assertTrue(run.path("elapsed").asDouble() >= load.path("elapsed").asDouble(), "run encloses load");
        JsonNode extract = named(events, "pipeline_extract");
        assertTrue(extract.path("success").asBoolean(), "no success rule applies to an int return");
        JsonNode fetch = named(events, "source_fetch");
        assertEquals("games", fetch.path("table").asText());

        String wire = collector.allBytes();
        assertFalse(wire.contains("chess_pipeline"), "names are only sent hashed");
    }

    @Test
    void aSuccessRuleReadsTheReturnedStatus() throws Exception {
        ChildJvm.Result agent = pipeline("run", "p", "partial_ds").config(config).run();
        assertEquals("status=PARTIAL rows=7\n", agent.stdout);
        List<JsonNode> events = events(5);
        assertFalse(named(events, "pipeline_load").path("success").asBoolean());
        assertFalse(named(events, "pipeline_run").path("success").asBoolean());
    }

    @Test
    void aFailureKeepsTheSameExceptionAndIsReportedRedacted() throws Exception {
        ChildJvm.Result plain = pipeline("try", "p", "bad").withoutAgent().run();
        ChildJvm.Result agent = pipeline("try", "p", "bad").config(config).run();
        assertEquals("caught IOException: same=true\n", plain.stdout);
        assertEquals(plain.stdout, agent.stdout);
        List<JsonNode> events = events(5);
        JsonNode load = named(events, "pipeline_load");
        assertFalse(load.path("success").asBoolean());
        assertEquals("java.io.IOException", load.path("error_type").asText());
        assertEquals("java.lang.IllegalStateException", load.path("error_root_type").asText());
        String message = load.path("error_message").asText();
        assertTrue(message.startsWith("cannot open <path>"), message);
        assertFalse(collector.allBytes().contains("/var/data"));
        assertEquals("java.io.IOException", named(events, "pipeline_run").path("error_type").asText());
    }

    @Test
    void subtypesAreInstrumentedThroughAbstractLayers() throws Exception {
        ChildJvm.Result agent = pipeline("run", "p", "api_ds").config(config).run();
        assertEquals(0, agent.exitCode, agent.toString());
        JsonNode fetch = named(events(5), "source_fetch");
        assertEquals("fetch", fetch.path("event_name").asText());
        assertEquals("source", fetch.path("event_category").asText());
    }

    @Test
    void anUncaughtFailureKeepsTheExitCodeAndStillSends() throws Exception {
        ChildJvm.Result plain = pipeline("throw", "p", "bad").withoutAgent().run();
        ChildJvm.Result agent = pipeline("throw", "p", "bad").config(config).run();
        assertEquals(1, plain.exitCode);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        assertTrue(agent.stderr.contains("java.io.IOException: cannot open /var/data/bad.csv"), agent.stderr);
        assertEquals(5, events(5).size());
    }

    @Test
    void eventsOfARunEndedBySystemExitArrive() throws Exception {
        ChildJvm.Result plain = pipeline("exit", "7").withoutAgent().run();
        ChildJvm.Result agent = pipeline("exit", "7").config(config).run();
        assertEquals(7, plain.exitCode);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        assertEquals(5, events(5).size());
    }

    @Test
    void aClassFromAPlatformParentedLoaderIsInstrumented() throws Exception {
        String plugins = SampleApps.pluginDirectory();
        ChildJvm.Result plain = pipeline("plugin", plugins).withoutAgent().run();
        ChildJvm.Result agent = pipeline("plugin", plugins).config(config).run();
        assertEquals("plugin returned done:7\n", plain.stdout);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode e = events(1).get(0);
        assertEquals("plugin_run", e.path("event").asText());
        assertTrue(e.path("properties").path("success").asBoolean());
    }

    @Test
    void eachRunHasItsOwnRunIdAndTheInstallKeepsItsAnonymousId() throws Exception {
        pipeline("run", "p", "a").config(config).run();
        pipeline("run", "p", "b").config(config).run();
        List<JsonNode> events = events(10);
        assertEquals(1, events.stream().map(e -> e.path("anonymousId").asText()).distinct().count());
        assertEquals(2, events.stream().map(e -> e.path("context").path("run_id").asText()).distinct().count());
        assertNotEquals(events.get(0).path("messageId"), events.get(1).path("messageId"));
    }

    static String expectedHash(String value) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("test-salt".getBytes(), "HmacSHA256"));
        byte[] full = mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 15));
    }
}
