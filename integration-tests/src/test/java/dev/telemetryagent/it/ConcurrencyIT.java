package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instrumented method called from many threads at once, platform and virtual: every call is
 * recorded exactly once (each call carries its own number, and the collector sees each number once);
 * beyond the per-run cap, every call and every failure is counted exactly once in the summary, with
 * recursion.
 */
class ConcurrencyIT extends AgentIT {
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml", Configs.header("")
                + Configs.sender(collector, "max_events_per_run = 5000")
                + "[[instrument]]\nclass = \"sample.compat.Job\"\nmethods = [\"hit\"]\ncategory = \"job\"\n"
                + "properties = { n = \"arg0\" }\n");
    }

    @Test
    void platformThreadsRecordEveryCallOnce() throws Exception {
        assertEveryCallOnce("threads", 16, 40);
    }

    @Test
    void virtualThreadsRecordEveryCallOnce() throws Exception {
        assertEveryCallOnce("virtual", 64, 10);
    }

    @Test
    void platformThreadsAreCountedExactlyBeyondTheCap() throws Exception {
        assertCountedExactlyBeyondTheCap("threads-deep", 16, 20_000);
    }

    @Test
    void virtualThreadsAreCountedExactlyBeyondTheCap() throws Exception {
        assertCountedExactlyBeyondTheCap("virtual-deep", 2_000, 100);
    }

    private void assertCountedExactlyBeyondTheCap(String mode, int threads, int perThread) throws Exception {
        int cap = 10;
        Path capped = ChildJvm.write(home, "capped.toml", Configs.header("")
                + Configs.sender(collector, "max_events_per_run = " + cap)
                + "[[instrument]]\nclass = \"sample.compat.Job\"\nmethods = [\"deep\"]\ncategory = \"job\"\n");
        int n = threads * perThread;
        ChildJvm.Result run = ChildJvm.in(home).classpath(SampleApps.compatClasspath(), "sample.compat.CompatMain")
                .args(mode, String.valueOf(threads), String.valueOf(perThread)).config(capped).timeoutSeconds(120)
                .run();
        Assumptions.assumeFalse(run.stdout.contains("virtual threads unavailable"), "JDK without virtual threads");
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("calls=" + n + " failures=" + n / 10 + "\n", run.stdout);
        assertEquals("", run.stderr);

        List<JsonNode> events = collector.awaitJsonEvents(cap + 1, Duration.ofSeconds(30));
        long calls = 0;
        long failures = 0;
        int summaries = 0;
        for (JsonNode e : events) {
            assertEquals("job_deep", e.path("event").asText());
            JsonNode p = e.path("properties");
            if (p.path("summary").asBoolean()) {
                summaries++;
                calls += p.path("count").asLong();
                failures += p.path("failures").asLong();
                assertTrue(p.path("elapsed_sampled").asBoolean(), e.toString());
                assertTrue(p.path("elapsed_samples").asLong() > 0, e.toString());
                assertTrue(p.path("elapsed_total").asDouble() > 0, e.toString());
            } else {
                calls++;
                if (!p.path("success").asBoolean()) {
                    failures++;
                }
            }
        }
        assertEquals(1, summaries, "one summary");
        assertEquals(cap + 1, events.size());
        assertEquals(n, calls, "every outermost call once");
        assertEquals(n / 10, failures, "every failure once");
    }

    private void assertEveryCallOnce(String mode, int threads, int perThread) throws Exception {
        int n = threads * perThread;
        ChildJvm.Result run = ChildJvm.in(home).classpath(SampleApps.compatClasspath(), "sample.compat.CompatMain")
                .args(mode, String.valueOf(threads), String.valueOf(perThread)).config(config).run();
        Assumptions.assumeFalse(run.stdout.contains("virtual threads unavailable"), "JDK without virtual threads");
        assertEquals(0, run.exitCode, run.toString());
        long expectedSum = (long) n * (n + 1) / 2;
        assertEquals("calls=" + n + " sum=" + expectedSum + " expected=" + expectedSum + "\n", run.stdout,
                "return values unchanged");
        assertEquals("", run.stderr);

        collector.awaitJsonEvents(n, Duration.ofSeconds(30));
        awaitSpoolsEmpty();
        List<JsonNode> events = collector.jsonEvents();
        assertEquals(n, events.size(), "one event per call");
        Set<Integer> seen = new TreeSet<>();
        for (JsonNode e : events) {
            assertEquals("job_hit", e.path("event").asText());
            assertTrue(e.path("properties").path("success").asBoolean());
            assertTrue(seen.add(Integer.parseInt(e.path("properties").path("n").asText())), "duplicate " + e);
        }
        assertEquals(n, seen.size());
        assertEquals(0, ((TreeSet<Integer>) seen).first());
        assertEquals(n - 1, ((TreeSet<Integer>) seen).last());
    }
}
