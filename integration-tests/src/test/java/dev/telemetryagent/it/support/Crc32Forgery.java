package dev.telemetryagent.it.support;

import java.util.zip.CRC32;

/**
 * Other bytes with the same CRC-32 and length, as anyone can make them: CRC-32 is linear over GF(2),
 * so among the 64 single-bit flips of eight chosen bytes some set flips the checksum back.
 */
public final class Crc32Forgery {
    private Crc32Forgery() {
    }

    /** {@code b} with some bits of bytes {@code at..at+7} flipped and the same CRC-32. */
    public static byte[] sameCrc32(byte[] b, int at) {
        long base = crc(b);
        int[] basis = new int[32];
        long[] combo = new long[32];
        for (int i = 0; i < 64; i++) {
            byte[] flipped = b.clone();
            flipped[at + i / 8] ^= (byte) (1 << (i % 8));
            int v = (int) (crc(flipped) ^ base);
            long used = 1L << i;
            for (int bit = 31; bit >= 0 && v != 0; bit--) {
                if ((v >>> bit & 1) == 0) {
                    continue;
                }
                if (basis[bit] == 0) {
                    basis[bit] = v;
                    combo[bit] = used;
                    v = 0;
                    used = 0;
                } else {
                    v ^= basis[bit];
                    used ^= combo[bit];
                }
            }
            if (used != 0) {
                byte[] forged = b.clone();
                for (int j = 0; j < 64; j++) {
                    if ((used >>> j & 1) != 0) {
                        forged[at + j / 8] ^= (byte) (1 << (j % 8));
                    }
                }
                return forged;
            }
        }
        throw new AssertionError("64 vectors in 32 dimensions are dependent");
    }

    public static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b, 0, b.length);
        return c.getValue();
    }
}
