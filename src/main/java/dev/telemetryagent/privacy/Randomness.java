package dev.telemetryagent.privacy;

/**
 * Spots long random-looking strings (keys, tokens, hashes, UUIDs) that no prefix rule names, while
 * long identifiers ({@code AbstractSingletonProxyFactoryBean}, {@code load_customer_table}) stay.
 * A part counts as random when it is at least 20 token characters, switches between letters and
 * digits at least three times or scatters capitals through lower case (a third of its letters or
 * more, as base64 does and CamelCase does not), and its Shannon entropy is at least 3 bits per
 * character.
 */
final class Randomness {
    static final int MIN_LENGTH = 20;

    private Randomness() {
    }

    /** Whether any part of the word between dots or colons looks random, or the word is a UUID. */
    static boolean hasRandomPart(String w) {
        int n = w.length();
        if (n < MIN_LENGTH && n != 36) {
            return false;
        }
        if (isUuid(w)) {
            return entropy(w, 0, w.length()) > 2.0;
        }
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || w.charAt(i) == '.' || w.charAt(i) == ':') {
                if (i - start >= MIN_LENGTH && looksRandom(w, start, i)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    static boolean looksRandom(String w, int from, int to) {
        int upper = 0;
        int lower = 0;
        int innerCapitals = 0;
        int letterDigitSteps = 0;
        int previous = 0;
        for (int i = from; i < to; i++) {
            char c = w.charAt(i);
            int kind;
            if (c >= '0' && c <= '9') {
                kind = 1;
            } else if (c >= 'A' && c <= 'Z') {
                kind = 2;
                upper++;
                if (i > from) {
                    innerCapitals++;
                }
            } else if (c >= 'a' && c <= 'z') {
                kind = 2;
                lower++;
            } else if (c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '~') {
                kind = 0;
            } else {
                return false;
            }
            if (kind != 0 && previous != 0 && kind != previous) {
                letterDigitSteps++;
            }
            previous = kind;
        }
        int letters = upper + lower;
        // Random text switches between letters and digits often, or scatters capitals among lower
        // case far more than CamelCase and acronyms do; identifiers like pool-1-worker-3 do neither.
        boolean mixed = letterDigitSteps >= 3 || (lower >= 2 && innerCapitals * 3 >= letters);
        return mixed && entropy(w, from, to) >= 3.0;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String w, int from, int to) {
        int[] counts = new int[128];
        int len = to - from;
        for (int i = from; i < to; i++) {
            char c = w.charAt(i);
            counts[c < 128 ? c : 0]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / len;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }

    /** {@code 8-4-4-4-12} hexadecimal groups. */
    static boolean isUuid(String w) {
        if (w.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = w.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!IpAddresses.isHex(c)) {
                return false;
            }
        }
        return true;
    }
}
