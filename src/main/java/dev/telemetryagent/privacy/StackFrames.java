package dev.telemetryagent.privacy;

/**
 * Removes stack-frame text from a message: {@code at com.acme.Foo.bar(Foo.java:42)} (with a module or
 * class loader prefix, {@code Native Method}, {@code Unknown Source}), the same without {@code at}
 * when it names a source file, and {@code ... 12 more}. No stack trace ever leaves the machine; where
 * a failure happened travels as {@code error_site} and {@code error_fingerprint}, which name no line,
 * so the frames are dropped rather than replaced. Runs on single-line text.
 */
final class StackFrames {
    private static final int MAX_LOCATION = 200;

    private StackFrames() {
    }

    static String redact(String s) {
        if (s.indexOf('(') < 0 && s.indexOf("...") < 0) {
            return s;
        }
        TextEdits edits = null;
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (i > 0 && s.charAt(i - 1) > ' ') {
                i++;
                continue;
            }
            int end = frameEnd(s, i);
            if (end < 0) {
                end = moreEnd(s, i);
            }
            if (end < 0) {
                i++;
                continue;
            }
            int from = i;
            while (from > 0 && s.charAt(from - 1) == ' ') {
                from--;
            }
            if (edits == null) {
                edits = new TextEdits(s);
            }
            edits.replace(from, end, "");
            i = end;
        }
        return edits == null ? s : edits.result();
    }

    /** End of a frame starting at {@code i} ({@code at } optional), or -1. */
    private static int frameEnd(String s, int i) {
        int n = s.length();
        boolean at = s.startsWith("at ", i);
        int name = at ? i + 3 : i;
        while (at && name < n && s.charAt(name) == ' ') {
            name++;
        }
        int j = name;
        boolean dotted = false;
        while (j < n && isFrameNameChar(s.charAt(j))) {
            dotted |= s.charAt(j) == '.';
            j++;
        }
        if (j == name || !dotted || j >= n || s.charAt(j) != '(' || s.charAt(j - 1) == '.') {
            return -1;
        }
        int close = -1;
        for (int k = j + 1; k < n && k - j <= MAX_LOCATION && close < 0; k++) {
            if (s.charAt(k) == ')') {
                close = k;
            }
        }
        if (close < 0 || !isLocation(s, j + 1, close, at)) {
            return -1;
        }
        return close + 1;
    }

    /**
     * {@code Foo.java}, {@code Foo.kt:42}: a source file and an optional line; after {@code at} also
     * {@code Native Method} and {@code Unknown Source[:42]}.
     */
    private static boolean isLocation(String s, int from, int to, boolean at) {
        if (at && (s.regionMatches(from, "Native Method", 0, 13) && to - from == 13
                || s.startsWith("Unknown Source", from) && isLine(s, from + 14, to))) {
            return true;
        }
        int colon = lastIn(s, ':', from, to);
        int fileEnd = colon >= from ? colon : to;
        if (colon >= from && !isLine(s, colon, to)) {
            return false;
        }
        int dot = lastIn(s, '.', from + 1, fileEnd);
        if (dot <= from || dot == fileEnd - 1) {
            return false;
        }
        for (int k = from; k < dot; k++) {
            if (!Character.isJavaIdentifierPart(s.charAt(k))) {
                return false;
            }
        }
        for (int k = dot + 1; k < fileEnd; k++) {
            char c = s.charAt(k);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        // Without "at", only a line number makes "name(File.ext)" a frame rather than prose.
        return at || colon >= from;
    }

    /**
     * The last {@code c} in {@code s[from, to)}, or -1. Scans stay within a frame's parentheses (at most
     * {@link #MAX_LOCATION}): scanning the whole text for each candidate made many {@code a.b(x)} quadratic.
     */
    private static int lastIn(String s, char c, int from, int to) {
        for (int k = to - 1; k >= from; k--) {
            if (s.charAt(k) == c) {
                return k;
            }
        }
        return -1;
    }

    /** Whether {@code s[from, to)} is empty or {@code :} and digits. */
    private static boolean isLine(String s, int from, int to) {
        if (from == to) {
            return true;
        }
        if (s.charAt(from) != ':' || to - from < 2) {
            return false;
        }
        for (int k = from + 1; k < to; k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    /** End of {@code ... 12 more} (or {@code ... 12 common frames omitted}) at {@code i}, or -1. */
    private static int moreEnd(String s, int i) {
        if (!s.startsWith("... ", i)) {
            return -1;
        }
        int j = i + 4;
        int digits = j;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        if (j == digits) {
            return -1;
        }
        int end;
        if (s.startsWith(" more", j)) {
            end = j + 5;
        } else if (s.startsWith(" common frames omitted", j)) {
            end = j + 22;
        } else {
            return -1;
        }
        return endsTrace(s, end) ? end : -1;
    }

    /** Whether the trace goes on or the text ends at {@code i}: "... 3 more rows" is prose. */
    private static boolean endsTrace(String s, int i) {
        int k = i;
        while (k < s.length() && s.charAt(k) == ' ') {
            k++;
        }
        return k == s.length() || (k > i && (s.startsWith("Caused by:", k) || s.startsWith("Suppressed:", k)
                || s.startsWith("at ", k) || s.startsWith("... ", k)));
    }

    private static boolean isFrameNameChar(char c) {
        return Character.isJavaIdentifierPart(c) && c > ' ' || c == '.' || c == '/' || c == '<' || c == '>'
                || c == '@' || c == '-';
    }
}
