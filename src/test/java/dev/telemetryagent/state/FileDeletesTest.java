package dev.telemetryagent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeletesTest {
    private static final String[] PREFIXES = {".sender"};
    private static final String[] ENDINGS = {".jsonl"};

    @TempDir
    Path dir;

    @Test
    void deletesOnlyTheAgentsNamesAndOnlyRegularFiles() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Files.writeString(spool.resolve("1-run-0.jsonl"), "{}");
        Files.writeString(spool.resolve(".sender-abc"), "");
        Files.writeString(spool.resolve(".1-run-0.jsonl.tmp-1f-2"), "");
        Files.writeString(spool.resolve("notes.txt"), "the user's");
        Path outside = Files.writeString(dir.resolve("outside.jsonl"), "the user's");
        Files.createSymbolicLink(spool.resolve("link.jsonl"), outside);
        assertEquals(3, FileDeletes.deleteOwn(spool.toFile(), PREFIXES, ENDINGS));
        assertTrue(Files.exists(spool.resolve("notes.txt")));
        assertTrue(Files.isSymbolicLink(spool.resolve("link.jsonl")));
        assertTrue(Files.exists(outside));
    }

    @Test
    void removesTheDirectoryWhenNothingElseIsLeft() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Files.writeString(spool.resolve("1-run-0.jsonl"), "{}");
        assertEquals(1, FileDeletes.deleteOwn(spool.toFile(), PREFIXES, ENDINGS));
        assertFalse(Files.exists(spool));
    }

    @Test
    void nothingIsDeletedThroughALinkedDirectory() throws Exception {
        Path docs = Files.createDirectory(dir.resolve("docs"));
        Path mine = Files.writeString(docs.resolve("old.jsonl"), "the user's");
        Path spool = Files.createSymbolicLink(dir.resolve("spool"), docs);
        RefusedFileException e = assertThrows(RefusedFileException.class,
                () -> FileDeletes.deleteOwn(spool.toFile(), PREFIXES, ENDINGS));
        assertEquals("spool is a link", e.getMessage());
        assertFalse(FileDeletes.delete(spool.resolve("old.jsonl").toFile(), false));
        assertTrue(Files.exists(mine));
    }

    @Test
    void nothingIsDeletedInADirectoryOthersCanWrite() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Path f = Files.writeString(spool.resolve("1-run-0.jsonl"), "{}");
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThrows(RefusedFileException.class, () -> FileDeletes.deleteOwn(spool.toFile(), PREFIXES, ENDINGS));
        assertFalse(FileDeletes.delete(f.toFile(), false));
        assertTrue(Files.exists(f));
    }
}
