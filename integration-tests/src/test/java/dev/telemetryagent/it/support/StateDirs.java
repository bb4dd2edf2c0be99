package dev.telemetryagent.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** Looks into an agent state directory: what waits in the spool, what was sent. */
public final class StateDirs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateDirs() {
    }

    /** Spool files waiting for delivery. */
    public static int spooled(Path stateDir) {
        File[] files = stateDir.resolve("spool").toFile().listFiles();
        int n = 0;
        if (files != null) {
            for (File f : files) {
                if (f.getName().endsWith(".jsonl") && !f.getName().startsWith(".")) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Waits until the detached sender has emptied the spool and logged what it sent, so that a test
     * ends with no process still writing into its temporary directory.
     */
    public static void awaitDelivered(Path stateDir) throws InterruptedException {
        long deadline = Patience.deadline(java.time.Duration.ofSeconds(20));
        while (spooled(stateDir) > 0 || !Files.exists(stateDir.resolve("sent.jsonl"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sender did not empty " + stateDir.resolve("spool"));
            }
            Thread.sleep(20);
        }
        Thread.sleep(300);
    }

    /** The run ids of the events spooled or sent from this state directory. */
    public static Set<String> runIds(Path stateDir) {
        Set<String> ids = new LinkedHashSet<>();
        try {
            File[] files = stateDir.resolve("spool").toFile().listFiles();
            if (files != null) {
                for (File f : files) {
                    if (f.getName().endsWith(".jsonl") && !f.getName().startsWith(".")) {
                        for (String line : Files.readAllLines(f.toPath())) {
                            ids.add(JSON.readTree(line).path("context").path("run_id").asText());
                        }
                    }
                }
            }
            Path sent = stateDir.resolve("sent.jsonl");
            if (Files.exists(sent)) {
                for (String line : Files.readAllLines(sent)) {
                    ids.add(JSON.readTree(line).path("context").path("run_id").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
