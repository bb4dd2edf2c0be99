package dev.telemetryagent.privacy;

/**
 * Replaces payment card numbers (13 to 19 digits, issuer prefix and Luhn checked, plain or grouped
 * by blanks or dashes), IBANs (ISO 13616 mod-97 checked, plain or in groups of four) and US social
 * security numbers ({@code 123-45-6789} with valid parts) and international phone numbers
 * ({@code +} then 8 to 15 digits, grouped or not) with {@code <secret>}. The checksums keep
 * ordinary long numbers (timestamps, sizes, ids) readable.
 */
final class AccountNumbers {
    private static final int MAX_GROUPS = 8;

    private AccountNumbers() {
    }

    static String redact(String s) {
        TextEdits edits = null;
        int n = s.length();
        int[] starts = new int[MAX_GROUPS];
        int[] ends = new int[MAX_GROUPS];
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean boundary = i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1));
            int end = -1;
            if (boundary && isDigit(c)) {
                int groups = digitGroups(s, i, starts, ends);
                end = cardOrSsn(s, starts, ends, groups);
                if (end < 0) {
                    i = ends[0];
                    continue;
                }
            } else if (c == '+' && i + 1 < n && isDigit(s.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                end = phone(s, i + 1, starts, ends);
            } else if (boundary && c >= 'A' && c <= 'Z' && i + 4 < n) {
                end = iban(s, i);
            }
            if (end > 0) {
                if (edits == null) {
                    edits = new TextEdits(s);
                }
                edits.replace(i, end, Placeholders.SECRET);
                i = end;
            } else {
                i++;
            }
        }
        return edits == null ? s : edits.result();
    }

    /** Runs of digits from {@code i} separated by one blank or dash; returns how many. */
    private static int digitGroups(String s, int i, int[] starts, int[] ends) {
        int n = s.length();
        int g = 0;
        int p = i;
        while (g < MAX_GROUPS) {
            int e = p;
            while (e < n && isDigit(s.charAt(e))) {
                e++;
            }
            starts[g] = p;
            ends[g] = e;
            g++;
            if (e + 1 < n && (s.charAt(e) == ' ' || s.charAt(e) == '-') && isDigit(s.charAt(e + 1))) {
                p = e + 1;
            } else {
                break;
            }
        }
        return g;
    }

    /** End of a card number or SSN made of groups starting at the first one, or -1. */
    private static int cardOrSsn(String s, int[] starts, int[] ends, int groups) {
        if (groups >= 3 && isSsn(s, starts, ends)) {
            return ends[2];
        }
        for (int last = groups - 1; last >= 0; last--) {
            int end = ends[last];
            if (end < s.length() && Character.isLetter(s.charAt(end))) {
                continue;
            }
            int digits = 0;
            for (int g = 0; g <= last; g++) {
                digits += ends[g] - starts[g];
            }
            if (digits >= 13 && digits <= 19 && isCard(s, starts, ends, last, digits)) {
                return end;
            }
        }
        return -1;
    }

    /** End of an international phone number whose digits start at {@code from}, or -1. */
    private static int phone(String s, int from, int[] starts, int[] ends) {
        int groups = digitGroups(s, from, starts, ends);
        int digits = 0;
        for (int g = 0; g < groups; g++) {
            digits += ends[g] - starts[g];
        }
        int end = ends[groups - 1];
        boolean alone = end >= s.length() || !Character.isLetter(s.charAt(end));
        return alone && digits >= 8 && digits <= 15 ? end : -1;
    }

    private static boolean isSsn(String s, int[] starts, int[] ends) {
        if (ends[0] - starts[0] != 3 || ends[1] - starts[1] != 2 || ends[2] - starts[2] != 4
                || s.charAt(ends[0]) != '-' || s.charAt(ends[1]) != '-') {
            return false;
        }
        int end = ends[2];
        if (end < s.length() && (Character.isLetterOrDigit(s.charAt(end))
                || (s.charAt(end) == '-' && end + 1 < s.length() && isDigit(s.charAt(end + 1))))) {
            return false;
        }
        int area = Integer.parseInt(s.substring(starts[0], ends[0]));
        int group = Integer.parseInt(s.substring(starts[1], ends[1]));
        int serial = Integer.parseInt(s.substring(starts[2], ends[2]));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    private static boolean isCard(String s, int[] starts, int[] ends, int last, int digits) {
        char d0 = s.charAt(starts[0]);
        char d1 = ends[0] - starts[0] > 1 ? s.charAt(starts[0] + 1) : s.charAt(starts[1]);
        boolean issuer = d0 == '3' || d0 == '4' || d0 == '5' || d0 == '6' || (d0 == '2' && d1 >= '2' && d1 <= '7');
        if (!issuer) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int g = last; g >= 0; g--) {
            for (int i = ends[g] - 1; i >= starts[g]; i--) {
                int d = s.charAt(i) - '0';
                if (doubled) {
                    d *= 2;
                    if (d > 9) {
                        d -= 9;
                    }
                }
                sum += d;
                doubled = !doubled;
            }
        }
        return sum % 10 == 0;
    }

    /** End of an IBAN starting at {@code i} (two letters, two check digits, then up to 30), or -1. */
    private static int iban(String s, int i) {
        int n = s.length();
        if (!(isUpper(s.charAt(i + 1)) && isDigit(s.charAt(i + 2)) && isDigit(s.charAt(i + 3)))) {
            return -1;
        }
        // Collect up to 34 characters, allowing one blank after each group of four; remember the
        // positions where the text could end, then try the longest that passes the checksum.
        char[] compact = new char[34];
        int[] endAt = new int[35];
        int len = 0;
        int p = i;
        while (p < n && len < 34) {
            char c = s.charAt(p);
            if (isUpper(c) || isDigit(c)) {
                compact[len++] = c;
                p++;
                endAt[len] = p;
            } else if (c == ' ' && len % 4 == 0 && p + 1 < n && (isUpper(s.charAt(p + 1)) || isDigit(s.charAt(p + 1)))) {
                p++;
            } else {
                break;
            }
        }
        for (int l = len; l >= 15; l--) {
            int end = endAt[l];
            if (end < n && Character.isLetterOrDigit(s.charAt(end))) {
                continue;
            }
            if (mod97(compact, l) == 1) {
                return end;
            }
        }
        return -1;
    }

    private static int mod97(char[] iban, int len) {
        int r = 0;
        for (int k = 0; k < len; k++) {
            char c = iban[(k + 4) % len];
            if (isDigit(c)) {
                r = (r * 10 + (c - '0')) % 97;
            } else {
                r = (r * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return r;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
