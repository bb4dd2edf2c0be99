package dev.telemetryagent.instrument;

import dev.telemetryagent.consent.StateDirectory;
import dev.telemetryagent.event.RandomIds;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The per-user secret under which woven-class cache entries are authenticated: {@value #LENGTH} random
 * bytes in {@code <state_dir>/cache/key}, created owner-only and atomically on the first cache write.
 * Whoever cannot read it cannot make an entry this user's runs accept; a key file of any other length
 * is no key (every entry is a miss and the file is made afresh at the next write).
 */
final class CacheKey {
    /** File name under the cache directory. */
    static final String FILE = "key";
    static final int LENGTH = 32;

    private CacheKey() {
    }

    /** The key, or null when there is none (or it is not a regular file of the right length). */
    static byte[] read(File cacheDir) {
        File f = new File(cacheDir, FILE);
        if (!f.isFile() || f.length() != LENGTH) {
            return null;
        }
        byte[] key = new byte[LENGTH];
        try (InputStream in = new FileInputStream(f)) {
            int n = 0;
            int r;
            while (n < LENGTH && (r = in.read(key, n, LENGTH - n)) > 0) {
                n += r;
            }
            return n == LENGTH && in.read() < 0 ? key : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The key, created when missing. Two first runs at once may each write one; the file that stands is
     * read back, so at worst the loser's entries are rewoven once.
     */
    static byte[] readOrCreate(File cacheDir) throws IOException {
        byte[] key = read(cacheDir);
        if (key != null) {
            return key;
        }
        StateDirectory.ensureDirectory(cacheDir);
        StateDirectory.writeAtomically(new File(cacheDir, FILE), RandomIds.bytes(LENGTH));
        key = read(cacheDir);
        if (key == null) {
            throw new IOException("cannot create the cache key");
        }
        return key;
    }
}
