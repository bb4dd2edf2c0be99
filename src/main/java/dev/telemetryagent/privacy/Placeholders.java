package dev.telemetryagent.privacy;

/** The fixed texts that replace redacted parts; the contract names them, so they never vary. */
final class Placeholders {
    static final String PATH = "<path>";
    static final String URL = "<url>";
    static final String HOST = "<host>";
    static final String IP = "<ip>";
    static final String EMAIL = "<email>";
    static final String SECRET = "<secret>";
    static final String USER = "<user>";

    private Placeholders() {
    }

    /** Whether {@code s[from, to)} is already a placeholder (so no later pass touches it). */
    static boolean isPlaceholder(CharSequence s, int from, int to) {
        if (to - from < 3 || s.charAt(from) != '<' || s.charAt(to - 1) != '>') {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
