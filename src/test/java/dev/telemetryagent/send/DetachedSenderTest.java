package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetachedSenderTest {
    @TempDir
    Path dir;

    @Test
    void theSenderIsNamedAsItsClass() {
        assertEquals(SenderMain.class.getName(), DetachedSender.SENDER_MAIN);
    }

    @Test
    void theWaiterStartsTheSenderOnlyAfterTheApplicationEnded() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Files.writeString(spool.resolve("1-run-0.route.jsonl"), "{}\n");
        Path started = dir.resolve("started");
        Process app = new ProcessBuilder("sleep", "1").start();
        Process waiter = waiter(app.pid(), spool, started);
        Thread.sleep(500);
        assertFalse(Files.exists(started), "nothing starts while the application runs");
        assertTrue(app.waitFor(5, TimeUnit.SECONDS));
        assertTrue(waiter.waitFor(5, TimeUnit.SECONDS));
        assertTrue(Files.exists(started), "the sender starts once the application has ended");
    }

    @Test
    void theWaiterStartsNothingWhenTheSpoolIsEmpty() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Files.writeString(spool.resolve(".sender-route"), "");
        Path started = dir.resolve("started");
        Process app = new ProcessBuilder("true").start();
        app.waitFor();
        Process waiter = waiter(app.pid(), spool, started);
        assertTrue(waiter.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, waiter.exitValue());
        assertFalse(Files.exists(started), "no spool file, no sender");
    }

    /** The waiter script as the exit runs it, with {@code touch <started>} as the sender. */
    private static Process waiter(long pid, Path spool, Path started) throws Exception {
        return new ProcessBuilder(List.of("/bin/sh", "-c", DetachedSender.WAIT_THEN_START, "waiter",
                Long.toString(pid), spool.toString(), "touch", started.toString()))
                .redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
    }

    @Test
    void aPreparedWaiterStartsOnlyWhenTold() throws Exception {
        Path jar = Files.writeString(dir.resolve("agent.jar"), "");
        Path quiet = Files.createDirectories(dir.resolve("spool-unused"));
        DetachedSender unused = DetachedSender.prepare(jar.toFile(), "cfg.toml", quiet.toFile());
        unused.finish(2_000);
        Thread.sleep(300);
        assertEquals(List.of(), waitersOn(quiet), "a preparation left unused starts nothing");

        Path used = Files.createDirectories(dir.resolve("spool-used"));
        DetachedSender sender = DetachedSender.prepare(jar.toFile(), "cfg.toml", used.toFile());
        sender.start();
        sender.finish(5_000);
        List<ProcessHandle> waiters = waitersOn(used);
        for (int i = 0; i < 50 && waiters.isEmpty(); i++) {
            // setsid forks the waiter after its own start has returned.
            Thread.sleep(100);
            waiters = waitersOn(used);
        }
        try {
            assertEquals(1, waiters.size(), "one waiter, waiting for this JVM to end");
        } finally {
            for (ProcessHandle w : waiters) {
                // The waiter's own children (tail --pid) first, or they would wait for this JVM to end.
                w.descendants().forEach(ProcessHandle::destroy);
                w.destroy();
            }
        }
    }

    /** Processes whose command line names this spool directory. */
    private static List<ProcessHandle> waitersOn(Path spool) {
        String needle = spool.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
                .collect(java.util.stream.Collectors.toList());
    }
}
