package dev.telemetryagent.consent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stderr counts as a terminal only when its descriptor's link names a terminal device. */
class TerminalTest {
    @TempDir
    Path dir;

    @Test
    void aRedirectedStderrIsNoTerminal() throws Exception {
        Path fd = Files.createDirectories(dir.resolve("fd"));
        Files.createSymbolicLink(fd.resolve("2"), Paths.get("/dev/null"));
        assertFalse(Terminal.stderrIsTerminal(fd.resolve("2").toFile()));
        Files.createSymbolicLink(fd.resolve("3"), dir.resolve("log.txt"));
        assertFalse(Terminal.stderrIsTerminal(fd.resolve("3").toFile()));
    }

    @Test
    void aTerminalDeviceIsATerminal() throws Exception {
        Path fd = Files.createDirectories(dir.resolve("fd"));
        Files.createSymbolicLink(fd.resolve("2"), Paths.get("/dev/tty"));
        assertTrue(Terminal.stderrIsTerminal(fd.resolve("2").toFile()));
    }

    @Test
    void whereThePlatformCannotTellStdinAndStdoutDecide() {
        assertTrue(Terminal.stderrIsTerminal(new File(dir.toFile(), "no-such-dir/2")));
    }
}
