package dev.telemetryagent.privacy;

import java.util.Locale;

/**
 * The word-by-word pass: splits the text at blanks, quotes and brackets and replaces each word that
 * is a path, e-mail address, IP or MAC address, host name, known or random-looking credential, or
 * this machine's user or host name. A value glued to a key ({@code file=/x}, {@code at:10.0.0.1}) is
 * judged on its own. A path that a blank split ({@code /Users/Jane Doe/x}) stays one {@code <path>}.
 * One instance scans one text.
 */
final class Words {
    private final String s;
    private final int n;
    private final MachineIdentity identity;
    private TextEdits edits;
    /** End (exclusive) of the last placeholder in the text, whether this pass wrote it or an earlier one. */
    private int lastPlaceholderEnd = -2;
    private boolean lastPlaceholderIsPath;
    private String previousWord = "";

    private Words(String s, MachineIdentity identity) {
        this.s = s;
        this.n = s.length();
        this.identity = identity;
    }

    static String redact(String s, MachineIdentity identity) {
        return new Words(s, identity).scan();
    }

    private String scan() {
        int i = 0;
        while (i < n) {
            while (i < n && isDelimiter(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                word(start, i);
            }
        }
        return edits == null ? s : edits.result();
    }

    private void word(int start, int end) {
        if (start > 0 && end < n && Placeholders.isPlaceholder(s, start - 1, end + 1)) {
            lastPlaceholderEnd = end + 1;
            lastPlaceholderIsPath = s.regionMatches(start, "path", 0, 4) || s.regionMatches(start, "url", 0, 3);
            previousWord = "";
            return;
        }
        int coreEnd = end;
        while (coreEnd > start + 1 && isTrailingPunctuation(s.charAt(coreEnd - 1))) {
            coreEnd--;
        }
        String w = s.substring(start, coreEnd);
        boolean continuesPath = lastPlaceholderIsPath && lastPlaceholderEnd == start - 1
                && s.charAt(start - 1) == ' ' && (w.indexOf('/') >= 0 || w.indexOf('\\') >= 0);
        if (continuesPath) {
            replace(start - 1, coreEnd, "");
            lastPlaceholderEnd = coreEnd;
            previousWord = "";
            return;
        }
        // A value glued to a key is judged alone when it plainly starts a path or follows '=';
        // otherwise the whole word first (db01:5432, 2001:db8::1), then the value.
        int cut = isDriveRoot(w) ? -1 : valueCut(w);
        boolean valueFirst = cut > 0 && isKey(w, cut - 1) && (w.charAt(cut - 1) == '=' || startsPath(w.charAt(cut)));
        String placeholder = valueFirst ? classify(w.substring(cut)) : null;
        int from = valueFirst && placeholder != null ? start + cut : start;
        if (placeholder == null) {
            placeholder = classify(w);
            from = start;
        }
        if (placeholder == null && cut > 0 && !valueFirst) {
            placeholder = classify(w.substring(cut));
            from = start + cut;
        }
        if (placeholder != null) {
            replace(from, coreEnd, placeholder);
            lastPlaceholderEnd = coreEnd;
            lastPlaceholderIsPath = placeholder == Placeholders.PATH || placeholder == Placeholders.URL;
            previousWord = "";
        } else {
            previousWord = w;
        }
    }

    /** Where a value glued to a key starts ({@code key=value}, {@code key:value}), or -1. */
    private static int valueCut(String w) {
        int eq = w.indexOf('=');
        int cut = eq >= 0 ? eq : w.indexOf(':');
        return cut > 0 && cut < w.length() - 1 ? cut + 1 : -1;
    }

    private static boolean isKey(String w, int end) {
        for (int i = 0; i < end; i++) {
            char c = w.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return end > 0;
    }

    private static boolean startsPath(char c) {
        return c == '/' || c == '\\' || c == '~' || c == '.';
    }

    /** The placeholder for one word, or null to keep it. */
    String classify(String w) {
        int len = w.length();
        if (len < 2) {
            return null;
        }
        boolean at = false;
        boolean slash = false;
        boolean backslash = false;
        boolean dotOrColon = false;
        boolean onlyLetters = true;
        for (int i = 0; i < len; i++) {
            char c = w.charAt(i);
            if (c == '@') {
                at = true;
            } else if (c == '/') {
                slash = true;
            } else if (c == '\\') {
                backslash = true;
            } else if (c == '.' || c == ':') {
                dotOrColon = true;
            }
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                onlyLetters = false;
            }
        }
        if (onlyLetters && len < Randomness.MIN_LENGTH) {
            return identity == null ? null : identity.match(w);
        }
        char c0 = w.charAt(0);
        if ((c0 == '~' && (w.charAt(1) == '/' || w.charAt(1) == '\\' || Character.isLetter(w.charAt(1))))
                || c0 == '/' || c0 == '\\' || isDriveRoot(w) || w.startsWith("./") || w.startsWith("../")
                || w.startsWith(".\\") || w.startsWith("..\\")) {
            return Placeholders.PATH;
        }
        if (at) {
            String mail = atSign(w);
            if (mail != null) {
                return mail;
            }
        }
        if (dotOrColon) {
            int firstSlash = w.indexOf('/');
            String base = firstSlash > 0 ? w.substring(0, firstSlash) : w;
            if (IpAddresses.isIpv4(w) || IpAddresses.isIpv4(base)) {
                if (!isVersionWord(previousWord)) {
                    return Placeholders.IP;
                }
            } else if (IpAddresses.isIpv6(w) || IpAddresses.isIpv6(base)) {
                return Placeholders.IP;
            } else if (HostNames.isHost(base)) {
                return base == w ? Placeholders.HOST : Placeholders.URL;
            }
        }
        if (len == 17 && IpAddresses.isMac(w)) {
            return Placeholders.SECRET;
        }
        if (backslash && hasLetter(w)) {
            return Placeholders.PATH;
        }
        if (slash && isRelativePath(w)) {
            return Randomness.looksRandom(w, 0, len) ? Placeholders.SECRET : Placeholders.PATH;
        }
        if (KnownTokens.isKnownToken(w) || Randomness.hasRandomPart(w)) {
            return Placeholders.SECRET;
        }
        return identity == null ? null : identity.match(w);
    }

    /** An e-mail address, {@code user:password@host} or scp-style {@code user@host:path}; null if neither. */
    private static String atSign(String w) {
        int at = w.indexOf('@');
        if (at == 0 || at == w.length() - 1) {
            return null;
        }
        String local = w.substring(0, at);
        int domainEnd = at + 1;
        while (domainEnd < w.length() && w.charAt(domainEnd) != ':' && w.charAt(domainEnd) != '/') {
            domainEnd++;
        }
        String domain = w.substring(at + 1, domainEnd);
        if (domain.isEmpty() || allHex(domain)) {
            // Object@1b6d3586 is an identity hash code
            return null;
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.')) {
                return null;
            }
        }
        if (local.indexOf(':') >= 0 || domainEnd < w.length()) {
            return Placeholders.URL;
        }
        return Placeholders.EMAIL;
    }

    private static boolean isRelativePath(String w) {
        int slashes = 0;
        boolean letter = false;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '/') {
                slashes++;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            }
        }
        if (!letter || isInternalClassName(w)) {
            return false;
        }
        if (slashes >= 2) {
            return true;
        }
        // one slash: a file in a directory (dir/file.csv), not I/O, TCP/IP, text/plain or HTTP/1.1
        String last = w.substring(w.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        if (dot <= 0 || dot == last.length() - 1 || last.length() - dot > 7) {
            return false;
        }
        boolean extLetter = false;
        for (int i = dot + 1; i < last.length(); i++) {
            char c = last.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                extLetter = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return extLetter;
    }

    /** {@code java/lang/String}, {@code Lcom/acme/Foo$Bar}: a JVM internal class name, not a path. */
    private static boolean isInternalClassName(String w) {
        int slash = w.indexOf('/');
        String root = w.substring(0, slash);
        if (root.startsWith("[")) {
            root = root.substring(1);
        }
        if (!HostNames.isPackageRoot(root) && !(root.startsWith("L") && HostNames.isPackageRoot(root.substring(1)))) {
            return false;
        }
        int lastSlash = w.lastIndexOf('/');
        if (lastSlash == w.length() - 1 || !Character.isUpperCase(w.charAt(lastSlash + 1))) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(Character.isJavaIdentifierPart(c) || c == '/' || c == '[')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDriveRoot(String w) {
        return w.length() >= 3 && ((w.charAt(0) >= 'a' && w.charAt(0) <= 'z') || (w.charAt(0) >= 'A' && w.charAt(0) <= 'Z'))
                && w.charAt(1) == ':' && (w.charAt(2) == '\\' || w.charAt(2) == '/');
    }

    private static boolean isVersionWord(String previous) {
        String p = previous.toLowerCase(Locale.ROOT);
        return p.equals("v") || p.equals("ver") || p.endsWith("version") || p.equals("release") || p.equals("build");
    }

    private static boolean hasLetter(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                return true;
            }
        }
        return false;
    }

    private static boolean allHex(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!IpAddresses.isHex(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void replace(int from, int to, String placeholder) {
        if (edits == null) {
            edits = new TextEdits(s);
        }
        edits.replace(from, to, placeholder);
    }

    private static boolean isDelimiter(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '`' || c == '(' || c == ')' || c == '[' || c == ']'
                || c == '{' || c == '}' || c == '<' || c == '>' || c == ',' || c == ';' || c == '|';
    }

    private static boolean isTrailingPunctuation(char c) {
        return c == '.' || c == ':' || c == '!' || c == '?';
    }
}
