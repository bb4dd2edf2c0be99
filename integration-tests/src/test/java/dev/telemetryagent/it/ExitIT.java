package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SenderProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events of a run reach the collector within 10 s of the run's end however the run ends, and during
 * the run when it is a long one; a short run starts no thread of the agent's.
 */
class ExitIT extends AgentIT {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.pipeline());
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.path("event").asText()).sorted().collect(Collectors.toList());
    }

    @Test
    void eventsLeaveAfterSystemExit() throws Exception {
        ChildJvm.Result plain = pipeline("exit", "3").withoutAgent().run();
        ChildJvm.Result agent = pipeline("exit", "3").config(config).run();
        assertEquals(3, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        assertTrue(agent.agentLines().isEmpty(), agent.stderr);
        List<JsonNode> events = collector.awaitJsonEvents(5, WITHIN);
        assertEquals(List.of("pipeline_extract", "pipeline_load", "pipeline_normalize", "pipeline_run",
                "source_fetch"), names(events));
    }

    @Test
    void eventsLeaveAfterAnUncaughtException() throws Exception {
        ChildJvm.Result plain = pipeline("throw", "p", "bad").withoutAgent().run();
        ChildJvm.Result agent = pipeline("throw", "p", "bad").config(config).run();
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(1, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        assertEquals(plain.stderr, agent.stderr, "the same uncaught exception, and nothing else, on stderr");
        List<JsonNode> events = collector.awaitJsonEvents(5, WITHIN);
        JsonNode load = events.stream().filter(e -> e.path("event").asText().equals("pipeline_load"))
                .findFirst().orElseThrow();
        assertFalse(load.path("properties").path("success").asBoolean());
        assertEquals("java.io.IOException", load.path("properties").path("error_type").asText());
    }

    @Test
    void shortRunStartsNoThread() throws Exception {
        ChildJvm.Result plain = pipeline("threads").withoutAgent().run();
        ChildJvm.Result agent = pipeline("threads").config(config).run();
        assertEquals(plain.stdout, agent.stdout, "the same threads with and without the agent");
        assertFalse(agent.stdout.contains("telemetry-agent"), agent.stdout);
        collector.awaitJsonEvents(5, WITHIN);
    }

    @Test
    void longRunDeliversWhileItRuns() throws Exception {
        ChildJvm child = pipeline("serve", "16").config(config).timeoutSeconds(60);
        CompletableFuture<ChildJvm.Result> run = CompletableFuture.supplyAsync(child::run);
        // The run lasts 16 s; delivery during the run starts after 10 s of it.
        collector.awaitRequests(1, Duration.ofSeconds(15));
        assertFalse(run.isDone(), "events arrived while the application still ran");
        ChildJvm.Result r = run.get();
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("served\n", r.stdout);
        assertTrue(r.agentLines().isEmpty(), r.stderr);
        List<JsonNode> events = collector.awaitJsonEvents(1, WITHIN);
        long runs = events.stream().filter(e -> e.path("event").asText().equals("pipeline_run")).count();
        // Every pipeline run of the application arrives, once (a run every ~0.5 s for 16 s).
        SenderProcesses.awaitNone(home, Duration.ofSeconds(15));
        events = collector.jsonEvents();
        runs = events.stream().filter(e -> e.path("event").asText().equals("pipeline_run")).count();
        long distinct = events.stream().map(e -> e.path("messageId").asText()).distinct().count();
        assertEquals(events.size(), distinct, "no event twice");
        assertTrue(runs >= 20, "pipeline runs delivered: " + runs);
        assertEquals(runs * 5, events.size(), "each run's five events");
    }
}
