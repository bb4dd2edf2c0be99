package dev.telemetryagent.event;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Random identifiers (anonymous id, run id, message ids): 32 lower-case hex characters, from the
 * operating system's random source. Reading {@code /dev/urandom} directly avoids initialising the JDK's
 * security providers on the exit path; where it is absent, {@link SecureRandom} is used.
 */
public final class RandomIds {
    /**
     * Digits as Latin-1 bytes: a string made from bytes is a copy of them, while one made from chars goes
     * through the JDK's compression loop (an exit makes a message id for each of its events).
     */
    private static final byte[] HEX = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f',
    };

    private RandomIds() {
    }

    /** 128 random bits as 32 lower-case hex characters. */
    public static String hex128() {
        return hex(bytes(16));
    }

    /** {@code n} random bytes. */
    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        if (!fromUrandom(b)) {
            new SecureRandom().nextBytes(b);
        }
        return b;
    }

    /** Lower-case hex of the bytes. */
    public static String hex(byte[] b) {
        byte[] out = new byte[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[b[i] & 0xf];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** The 128 bits {@code hi}, then {@code lo}, as 32 lower-case hex characters (as {@link #hex(byte[])} of their bytes). */
    public static String hex(long hi, long lo) {
        byte[] out = new byte[32];
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static boolean fromUrandom(byte[] b) {
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            int n = 0;
            while (n < b.length) {
                int r = in.read(b, n, b.length - n);
                if (r < 0) {
                    return false;
                }
                n += r;
            }
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
