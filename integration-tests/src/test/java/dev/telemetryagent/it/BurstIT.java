package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short run that records a burst of events (more than a live flusher's threshold) starts no delivery
 * inside the application's JVM: no sender thread while it runs, no request before it ends; its events all
 * leave after its exit, through the detached sender.
 */
class BurstIT extends AgentIT {
    private static final int CALLS = 1000;

    @Test
    void aShortBurstStartsNoInProcessDelivery() throws Exception {
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + "[[instrument]]\nclass = \"sample.pipeline.Rows\"\nmethods = [\"next\"]\ncategory = \"rows\"\n");
        Path dir = Files.createDirectory(home.resolve("handshake"));
        ChildJvm.Running run = pipeline("burst", Integer.toString(CALLS), dir.toString()).config(config).start();
        try {
            run.awaitStdout("burst sum=", Duration.ofSeconds(60));
            // The live flusher used to start on the instrumented thread at the 200th pending event, so its
            // thread would be listed here already.
            while (!Files.exists(dir.resolve("started"))) {
                Thread.sleep(20);
            }
            assertEquals(0, collector.requestCount(), "no request while the application runs");
            Files.createFile(dir.resolve("go"));
        } catch (Throwable t) {
            run.kill();
            throw t;
        }
        ChildJvm.Result r = run.finish();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.startsWith("burst sum="), r.stdout);
        assertFalse(r.stdout.contains("telemetry-agent"), "no thread of the agent's: " + r.stdout);
        assertTrue(r.agentLines().isEmpty(), r.stderr);
        List<JsonNode> events = collector.awaitJsonEvents(CALLS, Duration.ofSeconds(30));
        assertEquals(CALLS, events.size(), "every event of the burst, after the exit");
    }
}
