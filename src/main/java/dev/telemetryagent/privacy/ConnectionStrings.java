package dev.telemetryagent.privacy;

import java.util.Locale;

/**
 * Replaces a whole {@code key=value;key=value} connection string with {@code <secret>} when one of its
 * keys names a secret ({@code AccountKey}, {@code Password}, {@code Pwd}, {@code SharedAccessKey},
 * {@code SharedAccessSignature}, ...): the account, server and user names beside the secret identify
 * the user as much as the secret does (an Azure storage account name is a host name). A URL at the
 * start ({@code jdbc:sqlserver://host;user=sa;password=x}) belongs to it. Runs before the URL pass,
 * which would otherwise take an endpoint and the pairs after it for a URL and stop there.
 */
final class ConnectionStrings {
    /** Most words a key may have ({@code Trust Server Certificate}). */
    private static final int MAX_KEY_WORDS = 3;

    private ConnectionStrings() {
    }

    static String redact(String s) {
        if (s.indexOf(';') < 0) {
            return s;
        }
        TextEdits edits = null;
        int next = 0;
        int eq = s.indexOf('=');
        while (eq >= 0) {
            int keyStart = keyStart(s, eq);
            int valueEnd = valueEnd(s, eq + 1);
            boolean inList = (keyStart > 0 && s.charAt(keyStart - 1) == ';') || (valueEnd < s.length() && s.charAt(valueEnd) == ';');
            if (keyStart >= next && keyStart < eq && inList
                    && SecretPairs.isSecretKey(s.substring(keyStart, eq).replace(" ", "").toLowerCase(Locale.ROOT))) {
                int start = extendLeft(s, keyStart, next);
                int end = extendRight(s, valueEnd);
                if (edits == null) {
                    edits = new TextEdits(s);
                }
                edits.replace(start, end, Placeholders.SECRET);
                next = end;
                eq = s.indexOf('=', end);
            } else {
                eq = s.indexOf('=', eq + 1);
            }
        }
        return edits == null ? s : edits.result();
    }

    /** Start of the key before {@code eq}: key characters, and capitalised words before it ({@code User ID}). */
    private static int keyStart(String s, int eq) {
        int k = eq;
        while (k > 0 && isKeyChar(s.charAt(k - 1))) {
            k--;
        }
        if (k == eq) {
            return eq;
        }
        for (int words = 1; words < MAX_KEY_WORDS && k >= 2 && s.charAt(k - 1) == ' ' && isUpper(s.charAt(k)); words++) {
            int w = k - 1;
            while (w > 0 && isKeyChar(s.charAt(w - 1))) {
                w--;
            }
            if (w == k - 1 || !isUpper(s.charAt(w))) {
                break;
            }
            k = w;
        }
        return k;
    }

    /** End of a value starting at {@code from}: the next {@code ;}, blank or quote. */
    private static int valueEnd(String s, int from) {
        int e = from;
        while (e < s.length() && !isValueEnd(s.charAt(e))) {
            e++;
        }
        return e;
    }

    /** Takes in the pairs before {@code start} ({@code a=1;b=2;} before it) and a leading URL. */
    private static int extendLeft(String s, int start, int limit) {
        while (start - 1 > limit && s.charAt(start - 1) == ';') {
            int semicolon = start - 1;
            int run = semicolon;
            while (run > limit && !isValueEnd(s.charAt(run - 1))) {
                run--;
            }
            if (run == semicolon) {
                break;
            }
            String segment = s.substring(run, semicolon);
            int eq = segment.indexOf('=');
            if (eq > 0 && isKeyChar(segment.charAt(0)) && keyStart(segment, eq) == 0) {
                start = Math.max(limit, keyStart(s, run + eq));
            } else if (segment.contains("://")) {
                return run;
            } else {
                break;
            }
        }
        return start;
    }

    /** Takes in the pairs after {@code end} ({@code ;c=3;d=4}) and a final {@code ;}. */
    private static int extendRight(String s, int end) {
        int n = s.length();
        while (end < n && s.charAt(end) == ';') {
            int k = end + 1;
            if (k >= n || isValueEnd(s.charAt(k))) {
                return k;
            }
            int words = 0;
            while (k < n && words < MAX_KEY_WORDS) {
                int w = k;
                while (k < n && isKeyChar(s.charAt(k))) {
                    k++;
                }
                if (k == w) {
                    break;
                }
                words++;
                if (k < n && s.charAt(k) == ' ' && k + 1 < n && isKeyChar(s.charAt(k + 1))) {
                    k++;
                } else {
                    break;
                }
            }
            if (words == 0 || k >= n || s.charAt(k) != '=') {
                return end;
            }
            end = valueEnd(s, k + 1);
        }
        return end;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '.';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isValueEnd(char c) {
        return c <= ' ' || c == ';' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>';
    }
}
