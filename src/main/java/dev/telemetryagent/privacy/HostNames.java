package dev.telemetryagent.privacy;

import java.util.HashSet;
import java.util.Set;

/**
 * Tells host names from the dotted names a JVM message is full of. A host name here is
 * {@code label.label...tld} (letters, digits, hyphens; optional {@code :port}) whose last label is a
 * known top-level or internal domain, and which is not a Java package or class ({@code java.io},
 * {@code com.acme.Pipeline}) nor a file name: top-level domains that are also common file
 * extensions ({@code .sh}, {@code .py}, {@code .md}, {@code .rs}, {@code .zip}, ...) are left out.
 * Also {@code name:port} when the name has a digit or hyphen ({@code db-01:5432}).
 */
final class HostNames {
    private static final Set<String> TLDS = new HashSet<>(256);
    private static final Set<String> PACKAGE_ROOTS = new HashSet<>(32);

    static {
        // Top-level domains seen in real host names. Left out on purpose: those that are common file
        // extensions (sh, py, md, rs, pl, zip, mov, so, cc, ps, ml, pm) and those that end ordinary
        // dotted property names (id, name, info, host, run, page, group, ...).
        String[] tlds = {
            "com", "net", "org", "edu", "gov", "mil", "int", "biz", "io", "dev", "app", "ai", "co", "cloud", "tech",
            "online", "site", "xyz", "me", "tv", "fm", "ly", "gg", "eu", "aws", "onion",
            "local", "internal", "lan", "corp", "localdomain", "intranet", "intra", "example", "invalid", "arpa",
            "svc", "consul",
            "ac", "ae", "ar", "at", "au", "be", "bg", "br", "by", "ca", "ch", "cl", "cn", "cz", "de", "dk", "ee",
            "eg", "es", "fi", "fr", "gr", "hk", "hr", "hu", "ie", "il", "in", "ir", "is", "it", "jp", "ke", "kr",
            "kz", "lt", "lu", "lv", "mx", "my", "ng", "nl", "no", "nz", "pe", "ph", "pk", "pt", "ro", "ru", "se",
            "sg", "si", "sk", "th", "tr", "tw", "ua", "uk", "us", "uy", "vn", "za", "to", "lk", "np", "bd", "ve",
        };
        for (String t : tlds) {
            TLDS.add(t);
        }
        String[] roots = {
            "java", "javax", "jdk", "sun", "com", "org", "net", "io", "dev", "edu", "gov", "kotlin", "scala",
            "groovy", "android", "androidx", "jakarta",
        };
        for (String r : roots) {
            PACKAGE_ROOTS.add(r);
        }
    }

    private HostNames() {
    }

    static boolean isHost(String w) {
        int n = w.length();
        int colon = w.indexOf(':');
        int end = n;
        if (colon >= 0) {
            if (!isPort(w, colon + 1, n)) {
                return false;
            }
            end = colon;
        }
        if (end == 0 || end > 253) {
            return false;
        }
        int dots = 0;
        int labelStart = 0;
        boolean upper = false;
        boolean lower = false;
        boolean digitOrHyphen = false;
        for (int i = 0; i < end; i++) {
            char c = w.charAt(i);
            if (c == '.') {
                if (i == labelStart || i - labelStart > 63) {
                    return false;
                }
                dots++;
                labelStart = i + 1;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if ((c >= '0' && c <= '9') || c == '-') {
                digitOrHyphen = true;
            } else {
                return false;
            }
        }
        if (dots == 0) {
            // "name:port" with a machine-like name; "localhost" and plain words stay.
            return colon >= 0 && digitOrHyphen && lower && !upper && isLetter(w.charAt(0))
                    && !w.regionMatches(true, 0, "localhost", 0, end);
        }
        if (labelStart == end) {
            return false;
        }
        String tld = w.substring(labelStart, end);
        if (upper && lower) {
            // Mixed case is a class or a file name (Main.java, java.io.IOException), not DNS.
            return false;
        }
        if (!TLDS.contains(tld.toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        int firstDot = w.indexOf('.');
        String first = w.substring(0, firstDot).toLowerCase(java.util.Locale.ROOT);
        return !PACKAGE_ROOTS.contains(first);
    }

    /** Whether a first dotted or slashed segment is a Java package root ({@code java}, {@code com}, ...). */
    static boolean isPackageRoot(String segment) {
        return PACKAGE_ROOTS.contains(segment);
    }

    private static boolean isPort(String w, int from, int to) {
        if (to - from < 1 || to - from > 5) {
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

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
