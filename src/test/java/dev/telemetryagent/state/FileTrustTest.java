package dev.telemetryagent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTrustTest {
    @TempDir
    Path dir;

    @Test
    void theUsersOwnFilesAndDirectoriesAreTrustedWhenNobodyElseCanWriteThem() throws Exception {
        Path f = Files.writeString(dir.resolve("anonymous_id"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertNull(FileTrust.problem(f.toFile(), false));
        assertNull(FileTrust.problem(dir.toFile(), false));
        assertNull(FileTrust.problem(dir.resolve("missing").toFile(), false));
    }

    @Test
    void whatGroupOrOthersCanWriteIsNotTrusted() throws Exception {
        Path f = Files.writeString(dir.resolve("anonymous_id"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals("writable by others", FileTrust.problem(f.toFile(), false));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        assertEquals("writable by others", FileTrust.problem(f.toFile(), false));
        Path d = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals("writable by others", FileTrust.problem(d.toFile(), true));
    }

    @Test
    void aLinkIsJudgedByItsTargetOnlyWhereLinksAreAllowed() throws Exception {
        Path target = Files.createDirectory(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertNull(FileTrust.problem(link.toFile(), true));
        assertEquals("a link", FileTrust.problem(link.toFile(), false));
    }

    @Test
    void anotherUsersFileIsNotTrusted() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a file to nobody");
        Path f = Files.writeString(dir.resolve("anonymous_id"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        Files.setOwner(f, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertEquals("not owned by you", FileTrust.problem(f.toFile(), false));
    }
}
