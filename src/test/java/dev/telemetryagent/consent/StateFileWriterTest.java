package dev.telemetryagent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.config.Mode;
import dev.telemetryagent.config.TomlParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileWriterTest {
    @TempDir
    Path dir;

    private File file() {
        return dir.resolve("state/telemetry.toml").toFile();
    }

    @Test
    void aNewFileIsOwnerOnlyInAnOwnerOnlyDirectoryAndParses() throws Exception {
        UserChoices.disable(file(), "acme", UserChoices.BY_DISABLE, "acme-cli");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().toPath())));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParentFile().toPath())));
        StateFile f = StateFile.read(file());
        assertNull(f.problem());
        assertEquals(Boolean.FALSE, f.enabled());
        assertEquals("disable", f.enabledChangedBy());
        assertEquals(UserChoices.today(), f.enabledChangedOn());
        assertTrue(f.optsOut());
    }

    @Test
    void editingKeepsCommentsOtherKeysAndTables() throws Exception {
        Files.createDirectories(file().getParentFile().toPath());
        Files.writeString(file().toPath(), "# mine\nuser_id = \"u-7\"\n  enabled = true # on\n\n[extra]\nenabled = 5\n");
        UserChoices.disable(file(), "acme", UserChoices.BY_DISABLE, "acme-cli");
        String text = Files.readString(file().toPath());
        assertTrue(text.startsWith("# mine\nuser_id = \"u-7\"\nenabled = false\n"), text);
        assertTrue(text.contains("[extra]\nenabled = 5\n"), text);
        TomlParser.parse(text);
        StateFile f = StateFile.read(file());
        assertEquals("u-7", f.userId());
        assertEquals(Boolean.FALSE, f.enabled());
    }

    @Test
    void enableAfterAnOffAnswerDropsModeOffAndCountsAsConsent() throws Exception {
        UserChoices.answered(file(), "acme", Mode.OFF, "acme-cli");
        assertTrue(StateFile.read(file()).optsOut());
        Files.writeString(file().toPath(), Files.readString(file().toPath()) + "mode = \"off\"\n");
        UserChoices.enable(file(), "acme", true, "acme-cli");
        StateFile f = StateFile.read(file());
        assertFalse(f.optsOut());
        assertNull(f.mode());
        assertNotNull(f.consentGivenOn());
        assertNotNull(f.noticeShownOn());
    }

    @Test
    void anUnreadableFileIsKeptAsideAndReplaced() throws Exception {
        Files.createDirectories(file().getParentFile().toPath());
        Files.writeString(file().toPath(), "enabled = = true\n");
        String aside = UserChoices.disable(file(), "acme", UserChoices.BY_DISABLE, "acme-cli");
        assertEquals(file().getPath() + ".broken", aside);
        assertEquals("enabled = = true\n", Files.readString(Path.of(aside)));
        assertEquals(Boolean.FALSE, StateFile.read(file()).enabled());
    }

    @Test
    void stringsAreEscaped() throws Exception {
        StateFileWriter w = StateFileWriter.open(file(), "");
        w.set("user_id", "a\"b\\c\n").save();
        assertEquals("a\"b\\c\n", StateFile.read(file()).userId());
    }

    @Test
    void quotedKeysAreFoundNotDuplicated() throws Exception {
        Files.createDirectories(file().getParentFile().toPath());
        Files.writeString(file().toPath(), "\"enabled\" = true\n");
        UserChoices.disable(file(), "acme", UserChoices.BY_DISABLE, "acme-cli");
        assertEquals(Boolean.FALSE, StateFile.read(file()).enabled());
        assertNull(StateFile.read(file()).problem());
    }
}
