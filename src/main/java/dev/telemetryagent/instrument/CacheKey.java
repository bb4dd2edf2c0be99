package dev.telemetryagent.instrument;

import dev.telemetryagent.event.RandomIds;
import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.FileTrust;
import dev.telemetryagent.state.FileWrites;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;

/**
 * The per-user secret under which woven-class cache entries are authenticated: {@value #LENGTH} random
 * bytes in {@code <state_dir>/cache/key}, created 0600 with its mode on the first cache write. Whoever
 * cannot read it cannot make an entry this user's runs accept; a key file that is not this user's alone,
 * or of any other length, is no key (every entry is a miss and the file is made afresh at the next write).
 */
final class CacheKey {
    /** File name under the cache directory. */
    static final String FILE = StateDirectory.CACHE_KEY;
    static final int LENGTH = 32;

    private CacheKey() {
    }

    /** The key, or null when there is none (or it is not a regular owner-only file of the right length). */
    static byte[] read(File cacheDir) {
        File f = new File(cacheDir, FILE);
        if (FileTrust.problem(f, false) != null) {
            return null;
        }
        try {
            byte[] key = FileReads.bytes(f, LENGTH);
            return key != null && key.length == LENGTH ? key : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The key, created when missing. Of two first runs at once one publishes its key and both read it
     * back; a bad key file is replaced.
     */
    static byte[] readOrCreate(File cacheDir) throws IOException {
        byte[] key = read(cacheDir);
        if (key != null) {
            return key;
        }
        StateDirectory.ensureDirectory(cacheDir);
        File f = new File(cacheDir, FILE);
        byte[] fresh = RandomIds.bytes(LENGTH);
        if (!FileWrites.writeOnce(f, fresh) && read(cacheDir) == null) {
            FileWrites.writeAtomically(f, fresh);
        }
        key = read(cacheDir);
        if (key == null) {
            throw new IOException("cannot create the cache key");
        }
        return key;
    }
}
