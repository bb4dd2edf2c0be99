package dev.telemetryagent.privacy;

/**
 * Replaces identifying parts of free text (error messages, configured property values) with
 * placeholders: {@code <path>}, {@code <url>}, {@code <host>}, {@code <ip>}, {@code <email>},
 * {@code <user>} and {@code <secret>}. Output is single-line and at most {@link #MAX_LENGTH}
 * characters. Runs where events are built (the flush, at exit), never on an instrumented thread.
 *
 * <p>The passes run from the most specific to the most general, each leaving earlier placeholders
 * alone: PEM blocks; stack frames (dropped); {@code key=value;...} connection strings that carry a
 * secret (whole); {@code 'user'@'host'} accounts; URLs and connection strings; values named by their key or header
 * ({@code password=...}, {@code Authorization: Bearer ...}); card numbers, IBANs and SSNs (checksums
 * decide); then each word (paths, e-mail, IP and MAC addresses, host names, known token families,
 * random-looking strings, this machine's user and host names). Hand-written scanners, no regular
 * expressions: a typical message costs a few microseconds. Thread-safe.
 */
public final class Redactor {
    /** Longest text kept, in characters, before an ellipsis. */
    public static final int MAX_LENGTH = 300;
    /** Input beyond this is dropped before redaction, so a huge message costs little. */
    static final int MAX_INPUT = 4096;

    private final MachineIdentity fixedIdentity;

    /** A redactor that also hides this machine's user and host names (read on first use). */
    public Redactor() {
        this.fixedIdentity = null;
    }

    /** A redactor for the given identity (tests; null hides no particular names). */
    Redactor(MachineIdentity identity) {
        this.fixedIdentity = identity == null ? new MachineIdentity(null, null) : identity;
    }

    /** Redacts and bounds one text; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = PemBlocks.redact(bounded(text));
        s = singleLine(s);
        s = StackFrames.redact(s);
        s = ConnectionStrings.redact(s);
        s = SqlAccounts.redact(s);
        s = UrlSpans.redact(s);
        s = SecretPairs.redact(s);
        s = AccountNumbers.redact(s);
        s = Words.redact(s, fixedIdentity != null ? fixedIdentity : MachineIdentity.current());
        return truncated(s);
    }

    /** At most MAX_INPUT characters, cut at a blank so that no secret is cut into an unrecognisable piece. */
    private static String bounded(String text) {
        if (text.length() <= MAX_INPUT) {
            return text;
        }
        int cut = MAX_INPUT;
        while (cut > 0 && text.charAt(cut) > ' ') {
            cut--;
        }
        return text.substring(0, cut == 0 ? MAX_INPUT : cut);
    }

    /** Control characters (line breaks, tabs, ...) and Unicode line separators become blanks. */
    private static String singleLine(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = ' ';
            }
        }
        return chars == null ? s : new String(chars);
    }

    /** At most MAX_LENGTH characters, never cutting a placeholder in half. */
    private static String truncated(String s) {
        if (s.length() <= MAX_LENGTH) {
            return s;
        }
        int cut = MAX_LENGTH - 1;
        int open = s.lastIndexOf('<', cut - 1);
        if (open >= 0 && s.indexOf('>', open) >= cut && Placeholders.isPlaceholder(s, open, s.indexOf('>', open) + 1)) {
            cut = open;
        }
        return s.substring(0, cut) + "\u2026";
    }
}
