package dev.telemetryagent.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The detached sender processes a test's child runs left behind, found by the test's own home on their
 * command line (so only those), and the spool they work on under {@code <home>/.sample/spool}.
 */
public final class SenderProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SenderProcesses() {
    }

    /** The sender processes started for this home. */
    public static List<ProcessHandle> of(Path home) {
        String marker = "-Duser.home=" + home;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().commandLine()
                    .map(c -> c.contains(marker) && c.contains("dev.telemetryagent.send.SenderMain"))
                    .orElse(false)).collect(Collectors.toList());
        }
    }

    /** Ends the senders of this home (by their process ids) and waits for them to go. */
    public static void stop(Path home) throws Exception {
        for (ProcessHandle p : of(home)) {
            p.destroy();
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }

    /** Waits until no sender of this home runs; fails after the timeout. */
    public static void awaitNone(Path home, Duration timeout) throws InterruptedException {
        long deadline = Patience.deadline(timeout);
        while (!of(home).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a sender still runs after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** The spool directory of the sample apps' state. */
    public static Path spool(Path home) {
        return home.resolve(".sample").resolve("spool");
    }

    /** Spool files waiting. */
    public static List<Path> spoolFiles(Path home) throws IOException {
        if (!Files.isDirectory(spool(home))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(spool(home))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")
                    && !p.getFileName().toString().startsWith(".")).collect(Collectors.toList());
        }
    }

    /** The delivery counters, or an empty object. */
    public static JsonNode stats(Path home) throws IOException {
        Path f = spool(home).resolve("stats.json");
        return Files.exists(f) ? JSON.readTree(f.toFile()) : JSON.createObjectNode();
    }

    /** Waits until the delivery counters satisfy the condition; returns them. */
    public static JsonNode awaitStats(Path home, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = Patience.deadline(timeout);
        while (true) {
            JsonNode s;
            try {
                s = stats(home);
            } catch (IOException beingReplaced) {
                s = JSON.createObjectNode();
            }
            if (condition.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery counters not as expected within " + timeout + ": " + s);
            }
            Thread.sleep(50);
        }
    }

    /** The lines of {@code sent.jsonl}. */
    public static List<String> sentLog(Path home) throws IOException {
        Path f = home.resolve(".sample").resolve("sent.jsonl");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }
}
