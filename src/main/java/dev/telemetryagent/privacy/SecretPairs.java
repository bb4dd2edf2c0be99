package dev.telemetryagent.privacy;

/**
 * Redacts values by what names them: {@code key=value}, {@code key: value}, {@code "key": "value"},
 * {@code key => value} and {@code --key value} where the key names a secret (password, token, api key,
 * auth, credential, private key, session, cookie, ...), a user ({@code user}, {@code username},
 * {@code User ID}, ...) or a host ({@code host}, {@code server}, {@code Data Source}, ...); and the
 * credential after {@code Bearer} or {@code Basic} (an {@code Authorization} value keeps its scheme).
 * One instance scans one text.
 */
final class SecretPairs {
    private final String s;
    private final int n;
    private TextEdits edits;

    private SecretPairs(String s) {
        this.s = s;
        this.n = s.length();
    }

    static String redact(String s) {
        return new SecretPairs(s).scan();
    }

    private String scan() {
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int next = -1;
            if (c == '=' || c == ':') {
                next = separator(i);
            } else if (c == '-' && (i == 0 || s.charAt(i - 1) == ' ')) {
                next = flag(i);
            } else if ((c == 'b' || c == 'B') && (i == 0 || !isKeyChar(s.charAt(i - 1)))) {
                next = bareScheme(i);
            }
            i = next > i ? next : i + 1;
        }
        return edits == null ? s : edits.result();
    }

    /** {@code key<sep>value} with the separator at {@code i}; returns where to go on, or -1. */
    private int separator(int i) {
        char c = s.charAt(i);
        char prev = i > 0 ? s.charAt(i - 1) : ' ';
        char next = i + 1 < n ? s.charAt(i + 1) : ' ';
        if (c == ':' && (next == ':' || prev == ':' || next == '/')) {
            return -1;
        }
        if (c == '=' && (next == '=' || prev == '=' || prev == '!' || prev == '<' || prev == '>')) {
            return -1;
        }
        int j = i - 1;
        if (c == '=' && j >= 0 && s.charAt(j) == ':') {
            j--;
        }
        while (j >= 0 && s.charAt(j) == ' ') {
            j--;
        }
        if (j >= 0 && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            j--;
        }
        int k = j;
        while (k >= 0 && isKeyChar(s.charAt(k))) {
            k--;
        }
        if (k == j) {
            return -1;
        }
        String placeholder = placeholderForKey(s.substring(k + 1, j + 1), k);
        if (placeholder == null) {
            return -1;
        }
        int v = i + 1;
        if (v < n && ((c == '=' && s.charAt(v) == '>') || (c == ':' && s.charAt(v) == '='))) {
            v++;
        }
        return value(v, placeholder, true);
    }

    /** {@code --key value} (or {@code -key value}) starting at {@code i}. */
    private int flag(int i) {
        int k = i;
        while (k < n && s.charAt(k) == '-') {
            k++;
        }
        int keyStart = k;
        while (k < n && isKeyChar(s.charAt(k))) {
            k++;
        }
        if (k == keyStart || k >= n || s.charAt(k) != ' ') {
            return -1;
        }
        String placeholder = placeholderForKey(s.substring(keyStart, k), -1);
        int v = k;
        while (v < n && s.charAt(v) == ' ') {
            v++;
        }
        if (placeholder == null && k - keyStart == 1 && s.charAt(keyStart) == 'u' && v < n
                && s.indexOf(':', v) >= 0 && s.indexOf(':', v) < wordEnd(v)) {
            // curl's -u user:password, the Basic credential on a command line
            placeholder = Placeholders.SECRET;
        }
        if (placeholder == null || v >= n || s.charAt(v) == '-') {
            return k;
        }
        return value(v, placeholder, false);
    }

    /** A bare {@code Bearer <token>} or {@code Basic <base64>} at {@code i}. */
    private int bareScheme(int i) {
        int len;
        if (s.regionMatches(true, i, "bearer ", 0, 7)) {
            len = 6;
        } else if (s.regionMatches(true, i, "basic ", 0, 6)) {
            len = 5;
        } else {
            return -1;
        }
        int v = i + len;
        while (v < n && s.charAt(v) == ' ') {
            v++;
        }
        int e = wordEnd(v);
        if (e > v && looksLikeCredential(v, e)) {
            replace(v, e, Placeholders.SECRET);
            return e;
        }
        return i + len;
    }

    /**
     * Replaces the value that starts at {@code v} (after blanks, quoted or not). An authorization
     * scheme word at the start of the value is kept and the credential after it is replaced.
     */
    private int value(int v, String placeholder, boolean allowBlanks) {
        if (allowBlanks) {
            while (v < n && (s.charAt(v) == ' ')) {
                v++;
            }
        }
        if (v >= n) {
            return -1;
        }
        char q = s.charAt(v);
        int start;
        int end;
        if (q == '"' || q == '\'') {
            start = v + 1;
            int close = s.indexOf(q, start);
            end = close < 0 ? n : close;
        } else {
            start = v;
            end = wordEnd(v);
        }
        if (end <= start || Placeholders.isPlaceholder(s, start, end)) {
            return end;
        }
        if (placeholder == Placeholders.SECRET) {
            boolean quoted = q == '"' || q == '\'';
            int scheme = schemeWordEnd(start, quoted ? end : n);
            if (scheme > 0) {
                int credential = scheme;
                while (credential < n && s.charAt(credential) == ' ') {
                    credential++;
                }
                int credentialEnd = quoted ? end : wordEnd(credential);
                if (credentialEnd > credential && !Placeholders.isPlaceholder(s, credential, credentialEnd)) {
                    replace(credential, credentialEnd, placeholder);
                    return credentialEnd;
                }
            }
        }
        replace(start, end, placeholder);
        return end;
    }

    /** End of an authorization scheme word at {@code start} followed by a blank, or -1. */
    private int schemeWordEnd(int start, int end) {
        int e = start;
        while (e < end && isKeyChar(s.charAt(e))) {
            e++;
        }
        if (e >= end || s.charAt(e) != ' ') {
            return -1;
        }
        String word = s.substring(start, e);
        for (String scheme : AUTH_SCHEMES) {
            if (scheme.equalsIgnoreCase(word)) {
                return e;
            }
        }
        return -1;
    }

    private static final String[] AUTH_SCHEMES = {
        "Bearer", "Basic", "Digest", "Token", "Negotiate", "NTLM", "ApiKey", "Api-Key", "AWS4-HMAC-SHA256",
        "HOBA", "Mutual", "SharedKey", "SSWS", "Splunk", "GenieKey", "DSN", "Key", "OAuth",
    };

    /** The placeholder for a value named {@code key}, or null when the key names nothing private. */
    private String placeholderForKey(String key, int before) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        while (lower.startsWith("-") || lower.startsWith("_")) {
            lower = lower.substring(1);
        }
        if (isSecretKey(lower)) {
            return Placeholders.SECRET;
        }
        int dot = lower.lastIndexOf('.');
        String last = dot >= 0 ? lower.substring(dot + 1) : lower;
        if (isUserKey(last) || (last.equals("id") && precededBy(before, "user"))) {
            return Placeholders.USER;
        }
        if (isHostKey(last, key) || (last.equals("source") && precededBy(before, "data"))) {
            return Placeholders.HOST;
        }
        return null;
    }

    /** Whether the word before position {@code before} (skipping one blank) is {@code word}. */
    private boolean precededBy(int before, String word) {
        if (before < 0 || s.charAt(before) != ' ') {
            return false;
        }
        int start = before - word.length();
        return start >= 0 && s.regionMatches(true, start, word, 0, word.length())
                && (start == 0 || !isKeyChar(s.charAt(start - 1)));
    }

    static boolean isSecretKey(String k) {
        if (k.contains("pass") && !k.endsWith("passed") && !k.endsWith("passes") && !k.contains("bypass")
                && !k.contains("compass") && !k.contains("passing")) {
            return true;
        }
        if (k.contains("auth") && !(k.contains("author") && !k.contains("authoriz"))) {
            return true;
        }
        return k.contains("pwd") || k.contains("secret") || k.contains("token") || k.contains("credential")
                || k.contains("creds") || k.contains("private") || k.contains("session") || k.contains("cookie")
                || k.contains("signature") || k.contains("jwt") || k.contains("bearer") || k.contains("salt")
                || k.contains("apikey") || k.contains("api_key") || k.contains("api-key") || k.endsWith("key")
                || k.contains("connectionstring") || k.contains("connection_string") || k.equals("dsn")
                || k.equals("otp") || k.equals("pin") || k.equals("sig") || k.equals("pw");
    }

    private static boolean isUserKey(String k) {
        return k.equals("user") || k.equals("username") || k.equals("user_name") || k.equals("user-name")
                || k.equals("userid") || k.equals("user_id") || k.equals("uid") || k.equals("login")
                || k.equals("principal") || k.equals("owner") || k.equals("account") || k.endsWith("username")
                || k.endsWith("_user") || k.endsWith("-user");
    }

    /** @param original the key as written, to see camel case ({@code dbHost}, not {@code localhost}) */
    private static boolean isHostKey(String k, String original) {
        return k.equals("host") || k.equals("hostname") || k.equals("host_name") || k.equals("server")
                || k.equals("servername") || k.equals("server_name") || k.equals("servers") || k.equals("address")
                || k.equals("addr") || k.endsWith("_host") || k.endsWith("-host") || k.endsWith("_hostname")
                || original.endsWith("Host") || original.endsWith("HostName") || original.endsWith("Hostname")
                || k.endsWith("_addr") || k.endsWith("address") || k.equals("machine") || k.equals("computer");
    }

    /** Credentials after Bearer/Basic have a digit, a symbol, or a capital past the first letter. */
    private boolean looksLikeCredential(int from, int to) {
        if (Placeholders.isPlaceholder(s, from, to) || to - from < 6) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/'
                    || c == '=' || (i > from && c >= 'A' && c <= 'Z')) {
                return true;
            }
        }
        return false;
    }

    private int wordEnd(int from) {
        int e = from;
        while (e < n && !isValueEnd(s.charAt(e))) {
            e++;
        }
        while (e > from + 1 && isTrailingPunctuation(s.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    private void replace(int from, int to, String placeholder) {
        if (edits == null) {
            edits = new TextEdits(s);
        }
        edits.replace(from, to, placeholder);
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '.';
    }

    private static boolean isValueEnd(char c) {
        return c <= ' ' || c == ',' || c == ';' || c == '&' || c == ')' || c == ']' || c == '}' || c == '"'
                || c == '\'' || c == '<' || c == '>' || c == '`';
    }

    private static boolean isTrailingPunctuation(char c) {
        return c == '.' || c == ':' || c == '!' || c == '?';
    }
}
