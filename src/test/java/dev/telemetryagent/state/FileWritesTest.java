package dev.telemetryagent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWritesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void directoriesAreCreated0700WithTheirParents() throws Exception {
        Path d = dir.resolve("a/b/state");
        FileWrites.ensureDirectory(d.toFile(), true);
        assertEquals("rwx------", mode(d));
        assertEquals("rwx------", mode(dir.resolve("a/b")));
    }

    @Test
    void filesAreCreated0600AndNeverOverAnExistingOne() throws Exception {
        Path f = dir.resolve("anonymous_id");
        try (OutputStream out = FileWrites.createNew(f.toFile())) {
            // The mode is the creating call's: already owner-only while the file is still empty.
            assertEquals("rw-------", mode(f));
            out.write('x');
        }
        assertThrows(FileAlreadyExistsException.class, () -> FileWrites.createNew(f.toFile()));
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("elsewhere"));
        assertThrows(FileAlreadyExistsException.class, () -> FileWrites.createNew(link.toFile()));
        assertFalse(Files.exists(dir.resolve("elsewhere")));
    }

    @Test
    void aFileInADirectoryOthersMayEnterIsOwnerOnlyFromItsCreation() throws Exception {
        // In a directory closed to others a file is created and then restricted; in one they may enter,
        // the mode must be the creating call's, or another user could open the file in between.
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path f = open.resolve("spool.jsonl");
        try (OutputStream out = FileWrites.createNew(f.toFile())) {
            assertEquals("rw-------", mode(f));
        }
        assertFalse(FileTrust.closedToOthers(open.toFile()));
        assertTrue(FileTrust.closedToOthers(dir.toFile()));
        assertEquals("rw-------", mode(f));
    }

    @Test
    void anAtomicWriteReplacesALinkInsteadOfWritingThroughIt() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "mine");
        Path target = Files.createSymbolicLink(dir.resolve("sent.jsonl"), outside);
        FileWrites.writeAtomically(target.toFile(), "{}\n".getBytes());
        assertEquals("mine", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(target));
        assertEquals("rw-------", mode(target));
        try (var names = Files.list(dir)) {
            assertEquals(2, names.count(), "no temporary file left");
        }
    }

    @Test
    void aLinkOrAnOpenDirectoryIsNotUsedAsAnAgentDirectory() throws Exception {
        Path real = Files.createDirectory(dir.resolve("docs"));
        Path link = Files.createSymbolicLink(dir.resolve("spool"), real);
        RefusedFileException e = assertThrows(RefusedFileException.class,
                () -> FileWrites.ensureDirectory(link.toFile(), false));
        assertEquals("spool is a link", e.getMessage());
        FileWrites.ensureDirectory(link.toFile(), true);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxrwxrwx"));
        e = assertThrows(RefusedFileException.class, () -> FileWrites.ensureDirectory(real.toFile(), false));
        assertEquals("docs is writable by others", e.getMessage());
    }

    @Test
    void aLockFileIsCreated0600AndALinkIsNotFollowed() throws Exception {
        Path lock = dir.resolve(".lock");
        try (FileChannel c = FileWrites.openLockFile(lock.toFile())) {
            assertTrue(c.isOpen());
        }
        assertEquals("rw-------", mode(lock));
        Path link = Files.createSymbolicLink(dir.resolve(".lock2"), lock);
        assertThrows(RefusedFileException.class, () -> FileWrites.openLockFile(link.toFile()));
    }

    @Test
    void anAppendedFileIsCreated0600AndNeitherALinkNorAFifoIsWrittenTo() throws Exception {
        Path log = dir.resolve("sent.jsonl");
        try (OutputStream out = FileWrites.openAppend(log.toFile())) {
            out.write("a\n".getBytes());
        }
        try (OutputStream out = FileWrites.openAppend(log.toFile())) {
            out.write("b\n".getBytes());
        }
        assertEquals("a\nb\n", Files.readString(log));
        assertEquals("rw-------", mode(log));
        Path target = Files.writeString(dir.resolve("elsewhere"), "");
        Path link = Files.createSymbolicLink(dir.resolve("sent2.jsonl"), target);
        assertThrows(RefusedFileException.class, () -> FileWrites.openAppend(link.toFile()));
        assertEquals("", Files.readString(target));
        Path fifo = dir.resolve("fifo");
        FileReadsTest.mkfifo(fifo);
        // Opening a FIFO for writing without a reader blocks for ever: the refusal must come first.
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(RefusedFileException.class, () -> FileWrites.openAppend(fifo.toFile())));
    }

    @Test
    void writeOnceCreatesAFile0600OnlyWhenItIsMissing() throws Exception {
        Path key = dir.resolve("key");
        assertTrue(FileWrites.writeOnce(key.toFile(), new byte[] {1}));
        assertFalse(FileWrites.writeOnce(key.toFile(), new byte[] {2}));
        assertEquals(1, Files.readAllBytes(key)[0]);
        assertEquals("rw-------", mode(key));
        try (var names = Files.list(dir)) {
            assertEquals(1, names.count(), "no staged file left");
        }
    }

    @Test
    void publishOnceLetsExactlyOneWriterWin() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "first");
        Path b = Files.writeString(dir.resolve("b"), "second");
        Path target = dir.resolve("hash_salt");
        assertTrue(FileWrites.publishOnce(a.toFile(), target.toFile()));
        assertFalse(FileWrites.publishOnce(b.toFile(), target.toFile()));
        assertEquals("first", Files.readString(target));
    }
}
