package dev.telemetryagent.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Shape guarantees of the redactor: single line, bounded, placeholders intact, machine names. */
class RedactorTest {
    private final Redactor redactor = new Redactor(null);

    @Test
    void nullStaysNull() {
        assertNull(redactor.redact(null));
    }

    @Test
    void outputIsSingleLine() {
        assertEquals("first line second line  third", redactor.redact("first line\nsecond\tline\r\nthird"));
        String out = redactor.redact("a\nb\rc\u2028d\u0085e");
        assertFalse(out.contains("\n") || out.contains("\r") || out.contains("\u2028") || out.contains("\u0085"), out);
    }

    @Test
    void longTextIsCutAtTheBoundWithAnEllipsis() {
        String out = redactor.redact("word ".repeat(200));
        assertEquals(Redactor.MAX_LENGTH, out.length());
        assertTrue(out.endsWith("\u2026"));
    }

    @Test
    void truncationNeverSplitsAPlaceholder() {
        String text = "x".repeat(Redactor.MAX_LENGTH - 4) + " /home/alice/secret.txt and more text after it";
        String out = redactor.redact(text);
        assertTrue(out.length() <= Redactor.MAX_LENGTH);
        assertFalse(out.contains("<pa\u2026"), out);
        assertFalse(out.contains("alice"), out);
    }

    @Test
    void hugeInputIsBoundedBeforeRedactionAndStillRedacted() {
        String text = "/home/alice/x ".repeat(2000);
        String out = redactor.redact(text);
        assertFalse(out.contains("alice"), out);
        assertTrue(out.startsWith("<path>"), out);
    }

    @Test
    void unterminatedPemBlockIsRedactedToTheEnd() {
        assertEquals("key <secret>", redactor.redact("key -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0"));
    }

    @Test
    void existingPlaceholdersAreLeftAlone() {
        assertEquals("cannot open <path>: <secret>", redactor.redact("cannot open <path>: <secret>"));
        assertEquals("password=<secret>", redactor.redact("password=<secret>"));
    }

    @Test
    void genericOrShortMachineNamesDoNotBlankWords() {
        Redactor r = new Redactor(new MachineIdentity("root", "vm"));
        assertEquals("root cause in vm setup", r.redact("root cause in vm setup"));
        Redactor named = new Redactor(new MachineIdentity("jdoe", "ws-4411.lab"));
        assertEquals("<user> on <host> (<host>)", named.redact("jdoe on ws-4411 (WS-4411.lab)"));
    }

    @Test
    void defaultRedactorReadsThisMachinesNamesLazily() {
        String user = System.getProperty("user.name");
        MachineIdentity current = MachineIdentity.current();
        if (current.user != null) {
            assertFalse(new Redactor().redact("owned by " + user).contains(user));
        }
    }
}
