package dev.telemetryagent.event;

import dev.telemetryagent.config.TelemetrySettings;
import dev.telemetryagent.state.StateDirectory;
import java.io.IOException;

/**
 * The HMAC key for hashed properties. With {@code hash_salt} configured, that value (the same on
 * every machine, so hashes group across machines, but anyone who knows the salt can test guesses
 * against a hash). Without it, a random salt made once per machine and kept in
 * {@code <state_dir>/hash_salt}, never sent, so a dictionary of likely names cannot reverse the
 * hashes; the price is that equal values on two machines hash differently.
 *
 * <p>Two runs that start at once on a fresh machine agree on one salt ({@link StateDirectory#writeOnce}):
 * each uses what the file holds. Runs only when events are built, never at startup.
 */
public final class HashSalt {
    /** File name in the state directory. */
    public static final String FILE = "hash_salt";
    /** Shortest stored salt accepted (hex characters). */
    static final int MIN_LENGTH = 32;

    private HashSalt() {
    }

    /** The salt to use. */
    public static String resolve(TelemetrySettings settings, StateDirectory state) throws IOException {
        if (settings.hashSalt() != null) {
            return settings.hashSalt();
        }
        return machineSalt(state);
    }

    /** The stored per-machine salt, made on first use. */
    static String machineSalt(StateDirectory state) throws IOException {
        String existing = stored(state);
        if (existing != null) {
            return existing;
        }
        boolean present = state.file(FILE).exists();
        if (present) {
            // Either malformed, or another run published between our read and this check.
            existing = stored(state);
            if (existing != null) {
                return existing;
            }
        }
        String candidate = RandomIds.hex(RandomIds.bytes(32));
        publish(state, candidate, present);
        String winner = stored(state);
        return winner != null ? winner : candidate;
    }

    /**
     * Makes {@code salt} the stored one unless another run got there first. A stored file that is
     * malformed is replaced outright.
     */
    private static void publish(StateDirectory state, String salt, boolean replaceMalformed) throws IOException {
        if (replaceMalformed) {
            state.write(FILE, salt + "\n");
        } else {
            state.writeOnce(FILE, salt + "\n");
        }
    }

    private static String stored(StateDirectory state) throws IOException {
        String text = state.read(FILE);
        if (text == null) {
            return null;
        }
        String salt = text.trim();
        return salt.length() >= MIN_LENGTH ? salt : null;
    }
}
