package dev.telemetryagent.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadsTest {
    @TempDir
    Path dir;

    static void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0);
    }

    @Test
    void readsARegularFileAndALinkToOne() throws Exception {
        Path f = Files.writeString(dir.resolve("a.toml"), "enabled = false\n");
        assertEquals("enabled = false\n", FileReads.text(f.toFile(), 100));
        Path link = Files.createSymbolicLink(dir.resolve("link.toml"), f);
        assertEquals("enabled = false\n", FileReads.text(link.toFile(), 100));
    }

    @Test
    void noFileAndADanglingLinkAreAbsent() throws Exception {
        assertNull(FileReads.text(dir.resolve("none").toFile(), 100));
        Path link = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("none"));
        assertNull(FileReads.text(link.toFile(), 100));
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("fifo");
        mkfifo(fifo);
        Path link = Files.createSymbolicLink(dir.resolve("link"), fifo);
        // Opening a FIFO without a writer blocks for ever: the refusal must come first.
        RefusedFileException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(RefusedFileException.class, () -> FileReads.text(link.toFile(), 100)));
        assertEquals("not a regular file", e.getMessage());
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(RefusedFileException.class, () -> FileReads.open(fifo.toFile())));
    }

    @Test
    void devicesStdinAndDirectoriesAreRefused() throws Exception {
        Path stdin = Files.createSymbolicLink(dir.resolve("stdin"), Path.of("/dev/stdin"));
        if (!new File("/dev/stdin").isFile()) {
            assertThrows(RefusedFileException.class, () -> FileReads.text(stdin.toFile(), 100));
        }
        assertThrows(RefusedFileException.class, () -> FileReads.text(new File("/dev/zero"), 100));
        RefusedFileException e = assertThrows(RefusedFileException.class, () -> FileReads.text(dir.toFile(), 100));
        assertEquals("a directory, not a file", e.getMessage());
    }

    @Test
    void aFileOverItsBoundIsRefusedWithoutQuotingIt() throws Exception {
        Path f = Files.writeString(dir.resolve("big"), "secret-".repeat(100));
        RefusedFileException e = assertThrows(RefusedFileException.class, () -> FileReads.text(f.toFile(), 699));
        assertEquals("larger than 699 bytes", e.getMessage());
        assertEquals(700, FileReads.text(f.toFile(), 700).length());
    }

    @Test
    void aStreamThatGrowsPastTheBoundIsRefused() throws Exception {
        byte[] data = new byte[5000];
        try (InputStream in = new java.io.ByteArrayInputStream(data)) {
            assertThrows(RefusedFileException.class, () -> FileReads.readAtMost(in, 10, 4999));
        }
        try (InputStream in = new java.io.ByteArrayInputStream(data)) {
            assertArrayEquals(data, FileReads.readAtMost(in, 10, 5000));
        }
    }

    @Test
    void headReadsTheStartOfSystemFilesThatReportNoSize() throws Exception {
        String cgroup = FileReads.head(new File("/proc/self/status"), 64);
        assertTrue(cgroup == null || cgroup.length() <= 64);
        assertNull(FileReads.head(new File("/dev/zero"), 64));
        Path f = Files.writeString(dir.resolve("hostname"), "box\n");
        assertEquals("box\n", FileReads.head(f.toFile(), 64));
    }
}
