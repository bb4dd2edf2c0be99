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
}
