package dev.telemetryagent.privacy;

/**
 * Replaces URLs of any scheme ({@code scheme://...}, credentials and query included) and the
 * connection strings and URIs that have no {@code //} ({@code jdbc:}, {@code file:}, {@code mailto:},
 * {@code jar:}, AWS's {@code arn:}, which names an account and a user) with {@code <url>}. A URL ends at white space, a quote or an unbalanced bracket;
 * trailing sentence punctuation stays.
 */
final class UrlSpans {
    private UrlSpans() {
    }

    static String redact(String s) {
        return withoutScheme(withScheme(s));
    }

    private static String withScheme(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            return s;
        }
        TextEdits edits = null;
        int next = 0;
        while (colon >= 0) {
            int start = schemeStart(s, colon);
            if (start >= next && start >= 0 && isUrlAt(s, start, colon)) {
                int end = urlEnd(s, colon + 1);
                if (edits == null) {
                    edits = new TextEdits(s);
                }
                edits.replace(start, end, Placeholders.URL);
                next = end;
                colon = s.indexOf(':', end);
            } else {
                colon = s.indexOf(':', colon + 1);
            }
        }
        return edits == null ? s : edits.result();
    }

    /** {@code user:password@host...} without a scheme: the whole word, credentials and all. */
    private static String withoutScheme(String s) {
        int at = s.indexOf('@');
        if (at < 0) {
            return s;
        }
        TextEdits edits = null;
        int next = 0;
        // The previous '@' that did not match, with its word's start and first ':' (-1: none before it):
        // a word of many '@' is scanned once, not once per '@'.
        int prevAt = -1;
        int prevStart = -1;
        int prevColon = -1;
        while (at >= 0) {
            int stop = prevAt >= next ? prevAt + 1 : next;
            int start = at;
            while (start > stop && !isEnd(s.charAt(start - 1))) {
                start--;
            }
            int colon;
            if (start == stop && prevAt >= next) {
                start = prevStart;
                colon = prevColon >= 0 ? prevColon : indexIn(s, ':', prevAt, at);
            } else {
                colon = indexIn(s, ':', start, at);
            }
            if (colon > start && at + 1 < s.length() && isHostStart(s.charAt(at + 1))
                    && !Placeholders.isPlaceholder(s, start, at)) {
                int end = urlEnd(s, at + 1);
                if (edits == null) {
                    edits = new TextEdits(s);
                }
                edits.replace(start, end, Placeholders.URL);
                next = end;
                prevAt = -1;
                at = s.indexOf('@', end);
            } else {
                prevAt = at;
                prevStart = start;
                prevColon = colon;
                at = s.indexOf('@', at + 1);
            }
        }
        return edits == null ? s : edits.result();
    }

    /** The first {@code c} in {@code s[from, to)}, or -1. */
    private static int indexIn(String s, char c, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == c) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isHostStart(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '[';
    }

    /** Start of the scheme that ends just before {@code colon}, or -1 when there is none. */
    private static int schemeStart(String s, int colon) {
        int i = colon;
        while (i > 0 && isSchemeChar(s.charAt(i - 1))) {
            i--;
        }
        // The scheme starts at its first letter (a run such as "3-https" starts at "https").
        while (i < colon && !isAsciiLetter(s.charAt(i))) {
            i++;
        }
        return i < colon ? i : -1;
    }

    private static boolean isUrlAt(String s, int start, int colon) {
        int after = colon + 1;
        if (after >= s.length()) {
            return false;
        }
        if (s.startsWith("//", after)) {
            // A one-letter scheme is a Windows drive ("C://x"), which the path rules handle.
            return colon - start >= 2 && after + 2 < s.length() && !isEnd(s.charAt(after + 2));
        }
        if (isEnd(s.charAt(after))) {
            return false;
        }
        int len = colon - start;
        return (len == 4 && s.regionMatches(true, start, "jdbc", 0, 4))
                || (len == 4 && s.regionMatches(true, start, "file", 0, 4))
                || (len == 6 && s.regionMatches(true, start, "mailto", 0, 6))
                || (len == 3 && s.regionMatches(true, start, "jar", 0, 3))
                || (len == 4 && s.regionMatches(true, start, "odbc", 0, 4))
                || (len == 3 && s.regionMatches(true, start, "arn", 0, 3));
    }

    private static int urlEnd(String s, int from) {
        int depth = 0;
        int i = from;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (isEnd(c)) {
                break;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            i++;
        }
        while (i > from && isTrailingPunctuation(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isEnd(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>';
    }

    private static boolean isTrailingPunctuation(char c) {
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
    }

    private static boolean isSchemeChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
