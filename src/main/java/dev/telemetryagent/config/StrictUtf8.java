package dev.telemetryagent.config;

/**
 * Decodes TOML bytes as UTF-8 and refuses anything that is not: TOML requires valid UTF-8, and
 * {@code new String(bytes, UTF_8)} would quietly turn a broken byte into U+FFFD and read on.
 * Hand-written rather than a {@code CharsetDecoder} so the error can name the line, in one pass.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** The text of {@code bytes[0, length)}; overlong forms, surrogates and truncated sequences fail. */
    static String decode(byte[] bytes, int length) throws ConfigException {
        char[] out = new char[length];
        int n = 0;
        int line = 1;
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                if (b == '\n') {
                    line++;
                }
                out[n++] = (char) b;
                i++;
                continue;
            }
            int more;
            int cp;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                more = 1;
                cp = b & 0x1f;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                more = 2;
                cp = b & 0x0f;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                more = 3;
                cp = b & 0x07;
                min = 0x10000;
            } else {
                throw invalid(line);
            }
            if (i + more >= length) {
                throw invalid(line);
            }
            for (int k = 1; k <= more; k++) {
                int c = bytes[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    throw invalid(line);
                }
                cp = (cp << 6) | (c & 0x3f);
            }
            if (cp < min || cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) {
                throw invalid(line);
            }
            if (cp >= 0x10000) {
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
            } else {
                out[n++] = (char) cp;
            }
            i += more + 1;
        }
        return new String(out, 0, n);
    }

    private static ConfigException invalid(int line) {
        return new ConfigException(line, null, "not valid UTF-8");
    }
}
