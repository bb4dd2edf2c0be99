package dev.telemetryagent.privacy;

/**
 * Redacts database account names written as {@code 'user'@'host'} (MySQL and MariaDB messages such as
 * {@code Access denied for user 'alice'@'localhost'}, also with double quotes or back-ticks): the user
 * becomes {@code <user>} and the host {@code <host>} or {@code <ip>}; the wildcard {@code '%'} stays.
 */
final class SqlAccounts {
    private static final int MAX_PART = 100;

    private SqlAccounts() {
    }

    static String redact(String s) {
        int at = s.indexOf('@');
        if (at < 0) {
            return s;
        }
        TextEdits edits = null;
        int next = 0;
        while (at >= 0) {
            int end = -1;
            if (at >= next + 2 && at + 2 < s.length() && isQuote(s.charAt(at - 1)) && s.charAt(at + 1) == s.charAt(at - 1)) {
                char q = s.charAt(at - 1);
                int open = s.lastIndexOf(q, at - 2);
                int close = s.indexOf(q, at + 2);
                if (open >= next && close > at + 1 && at - 1 - open <= MAX_PART && close - at - 2 <= MAX_PART
                        && open < at - 2 && isPart(s, open + 1, at - 1) && isPart(s, at + 2, close)) {
                    if (edits == null) {
                        edits = new TextEdits(s);
                    }
                    if (!Placeholders.isPlaceholder(s, open + 1, at - 1)) {
                        edits.replace(open + 1, at - 1, Placeholders.USER);
                    }
                    String host = s.substring(at + 2, close);
                    if (!host.equals("%") && !host.isEmpty() && !Placeholders.isPlaceholder(s, at + 2, close)) {
                        edits.replace(at + 2, close, isAddress(host) ? Placeholders.IP : Placeholders.HOST);
                    }
                    end = close + 1;
                }
            }
            next = end > 0 ? end : next;
            at = s.indexOf('@', end > 0 ? end : at + 1);
        }
        return edits == null ? s : edits.result();
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '`';
    }

    /** No blanks inside an account part: a quoted sentence followed by {@code @} is not an account. */
    private static boolean isPart(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) <= ' ') {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 or IPv6 address or pattern: hex digits, dots, colons, {@code %} and {@code /}, with a digit. */
    private static boolean isAddress(String host) {
        boolean digit = false;
        boolean separator = false;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' || c == ':') {
                separator = true;
            } else if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '%' || c == '/')) {
                return false;
            }
        }
        return digit && separator;
    }
}
