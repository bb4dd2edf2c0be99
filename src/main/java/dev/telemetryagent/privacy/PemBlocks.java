package dev.telemetryagent.privacy;

/**
 * Replaces PEM blocks ({@code -----BEGIN ... -----} to the matching {@code -----END ... -----}) with
 * {@code <secret>}: private keys, certificates, PGP blocks alike. A block whose end is missing (a
 * message cut short) is redacted to the end of the text.
 */
final class PemBlocks {
    private static final String BEGIN = "-----BEGIN";
    private static final String END = "-----END";
    private static final String DASHES = "-----";

    private PemBlocks() {
    }

    static String redact(String s) {
        int begin = s.indexOf(BEGIN);
        if (begin < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int from = 0;
        while (begin >= 0) {
            out.append(s, from, begin).append(Placeholders.SECRET);
            int end = s.indexOf(END, begin + BEGIN.length());
            if (end < 0) {
                return out.toString();
            }
            int close = s.indexOf(DASHES, end + END.length());
            from = close < 0 ? s.length() : close + DASHES.length();
            begin = s.indexOf(BEGIN, from);
        }
        return out.append(s, from, s.length()).toString();
    }
}
