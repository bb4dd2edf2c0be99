package dev.telemetryagent.event;

import dev.telemetryagent.config.TelemetrySettings;
import dev.telemetryagent.consent.StateDirectory;
import java.io.IOException;

/**
 * The HMAC key for hashed properties. With {@code hash_salt} configured, that value (the same on
 * every machine, so hashes group across machines). Without it, a random salt made once per machine
 * and kept in {@code <state_dir>/hash_salt}, never sent, so a dictionary of likely names cannot
 * reverse the hashes; the price is that equal values on two machines hash differently.
 */
public final class HashSalt {
    /** File name in the state directory. */
    public static final String FILE = "hash_salt";

    private HashSalt() {
    }

    /** The salt to use. */
    public static String resolve(TelemetrySettings settings, StateDirectory state) throws IOException {
        if (settings.hashSalt() != null) {
            return settings.hashSalt();
        }
        String text = state.read(FILE);
        if (text != null && text.trim().length() >= 32) {
            return text.trim();
        }
        String salt = RandomIds.hex(RandomIds.bytes(32));
        state.write(FILE, salt + "\n");
        return salt;
    }
}
