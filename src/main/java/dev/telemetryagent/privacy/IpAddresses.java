package dev.telemetryagent.privacy;

/** Recognises IPv4 (with an optional port or prefix length), IPv6 (any notation) and MAC addresses. */
final class IpAddresses {
    private IpAddresses() {
    }

    /** {@code a.b.c.d}, each part 0-255, optionally followed by {@code :port} or {@code /prefix}. */
    static boolean isIpv4(String w) {
        int n = w.length();
        int end = n;
        for (int i = 0; i < n; i++) {
            char c = w.charAt(i);
            if (c == ':' || c == '/') {
                end = i;
                if (!allDigits(w, i + 1, n)) {
                    return false;
                }
                break;
            }
        }
        return isDottedQuad(w, 0, end);
    }

    static boolean isDottedQuad(String w, int from, int to) {
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = w.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                digits++;
                if (digits > 3 || value > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                parts++;
                value = 0;
                digits = 0;
            } else {
                return false;
            }
        }
        return digits > 0 && parts == 3;
    }

    /** IPv6 in full, compressed ({@code ::}), with an embedded IPv4 tail or a zone ({@code %eth0}). */
    static boolean isIpv6(String w) {
        int n = w.length();
        int zone = w.indexOf('%');
        if (zone >= 0) {
            n = zone;
        }
        if (n < 2 || w.indexOf(':') < 0) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (w.startsWith("::")) {
            compressed = true;
            i = 2;
            if (n == 2) {
                return false;
            }
        } else if (w.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int start = i;
            while (i < n && isHex(w.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (i < n && w.charAt(i) == '.') {
                // embedded IPv4 tail, only as the last part
                if (!isDottedQuad(w, start, n)) {
                    return false;
                }
                groups += 2;
                i = n;
                break;
            }
            if (len == 0 || len > 4) {
                return false;
            }
            groups++;
            if (i == n) {
                break;
            }
            if (w.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < n && w.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return false;
            }
        }
        return compressed ? groups <= 7 && groups >= 1 : groups == 8;
    }

    /** {@code 00:1a:2b:3c:4d:5e} or with dashes. */
    static boolean isMac(String w) {
        if (w.length() != 17) {
            return false;
        }
        char sep = w.charAt(2);
        if (sep != ':' && sep != '-') {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = w.charAt(i);
            if (i % 3 == 2 ? c != sep : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String w, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
