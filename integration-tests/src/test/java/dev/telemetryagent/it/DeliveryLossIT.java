package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Collector;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SenderProcesses;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing spooled is lost unsaid: a file over 1 MiB and a run of 100,000 events are delivered whole by a
 * sender of bounded heap, a line that is no event is skipped and counted, a redirect keeps the events
 * and {@code status} says so, a sender killed by {@code kill -9} does not hold up the next, and
 * {@code sent.jsonl} rotates so that {@code log} works past 1 MiB.
 */
class DeliveryLossIT extends AgentIT {
    private Path config;

    @BeforeEach
    void setUp() {
        config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + Configs.picocli());
    }

    /** An event as the agent spools it, numbered, with {@code padding} characters of a property. */
    private static String event(int n, int padding) {
        return "{\"event\":\"bulk\",\"anonymousId\":\"570816b273a41d16caacc26a797204d9\",\"messageId\":\""
                + String.format("%032x", n) + "\",\"timestamp\":\"2026-11-21T10:15:30.123Z\","
                + "\"context\":{\"app\":{\"name\":\"sample\"}},\"properties\":{\"n\":" + n + ",\"padding\":\""
                + "p".repeat(padding) + "\"}}";
    }

    /**
     * A spool file of an earlier configuration, which the next sender adopts: {@code lines} as they are,
     * then {@code events} events.
     */
    private Path spoolFile(List<String> lines, int events, int padding) throws Exception {
        Path spool = SenderProcesses.spool(home);
        Files.createDirectories(spool,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path f = spool.resolve((System.currentTimeMillis() - 60_000) + "-earlier-0.0.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
            for (int i = 0; i < events; i++) {
                w.write(event(i, padding));
                w.write('\n');
            }
        }
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return f;
    }

    /** The detached sender's own main, started as DetachedSender starts it but with a smaller heap. */
    private ChildJvm.Result sender(String maxHeap) {
        ChildJvm.Result r = ChildJvm.in(home).classpath(ChildJvm.AGENT_JAR, "dev.telemetryagent.send.SenderMain")
                .withoutAgent().jvmArg("-Xmx" + maxHeap).jvmArg("-XX:+UseSerialGC")
                .args("--config", config.toString()).timeoutSeconds(90).run();
        assertEquals(0, r.exitCode, r.toString());
        return r;
    }

    private int eventsReceived() {
        int n = 0;
        for (Collector.Request r : collector.requests()) {
            n += r.json().path("batch").size();
        }
        return n;
    }

    @Test
    void aSpoolFileOverOneMebibyteIsDeliveredWholeAndCounted() throws Exception {
        Path f = spoolFile(List.of(), 1000, 1500);
        assertTrue(Files.size(f) > 1L << 20);
        sender("64m");
        assertEquals(1000, eventsReceived());
        assertEquals(1000, SenderProcesses.stats(home).path("delivered").asLong());
        assertFalse(Files.exists(f));
    }

    @Test
    void aHundredThousandEventsAreDeliveredByASenderOfSmallHeap() throws Exception {
        spoolFile(List.of(), 100_000, 40);
        for (int i = 0; i < 5 && SenderProcesses.stats(home).path("delivered").asLong() < 100_000; i++) {
            sender("24m");
        }
        assertEquals(100_000, SenderProcesses.stats(home).path("delivered").asLong());
        assertEquals(100_000, eventsReceived());
        assertEquals(List.of(), SenderProcesses.spoolFiles(home));
    }

    @Test
    void aLineNestedOneHundredThousandDeepIsSkippedAndCounted() throws Exception {
        Path f = spoolFile(List.of("[".repeat(100_000), "{broken"), 2, 10);
        sender("64m");
        JsonNode stats = SenderProcesses.stats(home);
        assertEquals(2, stats.path("delivered").asLong(), stats.toString());
        assertEquals(2, stats.path("malformed").asLong(), stats.toString());
        assertFalse(Files.exists(f));
    }

    @Test
    void aRedirectKeepsTheEventsForLaterAndStatusSaysSo() throws Exception {
        collector.respondWith((r, n) -> 302);
        assertEquals(0, cli("hello").config(config).run().exitCode);
        SenderProcesses.awaitStats(home, s -> s.path("last_failure").asText().contains("302"), Duration.ofSeconds(30));
        SenderProcesses.awaitNone(home, Duration.ofSeconds(30));
        assertEquals(1, collector.requestCount(), "a redirect is not retried at once, nor followed");
        assertEquals(1, SenderProcesses.spoolFiles(home).size(), "the events are kept");
        ChildJvm.Result status = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", config.toString(), "status").run();
        assertTrue(status.stdout.contains("redirect not followed; events kept"), status.stdout);
        assertTrue(status.stdout.contains("waiting 1 in 1 spool file"), status.stdout);

        collector.respondWith((r, n) -> 200);
        assertEquals(0, cli("hello").config(config).run().exitCode);
        collector.awaitJsonEvents(2, Duration.ofSeconds(30));
    }

    @Test
    void aSenderKilledHardDoesNotHoldUpTheNext() throws Exception {
        collector.respondWith((r, n) -> -1);
        assertEquals(0, cli("hello").config(config).run().exitCode);
        collector.awaitRequests(1, Duration.ofSeconds(30));
        List<ProcessHandle> senders = SenderProcesses.of(home);
        assertEquals(1, senders.size());
        senders.get(0).destroyForcibly();
        senders.get(0).onExit().get(10, TimeUnit.SECONDS);

        collector.respondWith((r, n) -> 200);
        assertEquals(0, cli("hello").config(config).run().exitCode);
        // The killed sender's request was recorded before it hung; both runs' events follow it, well within
        // the 45 s after which the dead sender's marker would have gone stale.
        collector.awaitJsonEvents(3, Duration.ofSeconds(20));
    }

    @Test
    void theSentLogRotatesAndLogWorksPastOneMebibyte() throws Exception {
        Path sent = home.resolve(".sample").resolve("sent.jsonl");
        Files.createDirectories(sent.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(sent, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 1500; i++) {
                w.write(event(i, 1000));
                w.write('\n');
            }
        }
        Files.setPosixFilePermissions(sent, PosixFilePermissions.fromString("rw-------"));
        assertTrue(Files.size(sent) > 1L << 20);
        assertEquals(0, cli("hello").config(config).run().exitCode);
        SenderProcesses.awaitStats(home, s -> s.path("delivered").asLong() >= 1, Duration.ofSeconds(30));
        SenderProcesses.awaitNone(home, Duration.ofSeconds(30));
        ChildJvm.Result log = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", config.toString(), "log").run();
        assertEquals(0, log.exitCode, log.toString());
        List<String> lines = log.stdout.lines().collect(java.util.stream.Collectors.toList());
        assertEquals(1000, lines.size());
        assertFalse(lines.get(999).contains("\"bulk\""), "the run's own event is the last: " + lines.get(999));
        assertTrue(Files.readAllLines(sent).size() <= 1000, "sent.jsonl itself stays bounded");
    }
}
