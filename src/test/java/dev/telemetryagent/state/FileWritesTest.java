package dev.telemetryagent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void publishOnceLetsExactlyOneWriterWin() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "first");
        Path b = Files.writeString(dir.resolve("b"), "second");
        Path target = dir.resolve("hash_salt");
        assertTrue(FileWrites.publishOnce(a.toFile(), target.toFile()));
        assertFalse(FileWrites.publishOnce(b.toFile(), target.toFile()));
        assertEquals("first", Files.readString(target));
    }
}
