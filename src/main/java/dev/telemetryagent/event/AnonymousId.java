package dev.telemetryagent.event;

import dev.telemetryagent.state.StateDirectory;
import java.io.IOException;

/**
 * The random install id stored alone in {@code <state_dir>/anonymous_id}. Never derived from the
 * machine or the user; {@code reset-id} replaces it.
 */
public final class AnonymousId {
    /** File name in the state directory. */
    public static final String FILE = "anonymous_id";

    private AnonymousId() {
    }

    /**
     * The stored id, created on first use. Threads and processes that start at once get one id: the
     * first to publish its file wins and every other one reads the winner's.
     */
    public static String getOrCreate(StateDirectory state) throws IOException {
        String existing = read(state);
        if (existing != null) {
            return existing;
        }
        // No valid id yet: another thread or process may publish one at any moment, so only what the
        // publication leaves behind decides (a file seen existing here may be a racing winner's).
        String stored = state.writeOnce(FILE, RandomIds.hex128() + "\n");
        String id = stored == null ? null : stored.trim();
        if (id != null && isValid(id)) {
            return id;
        }
        // An existing file that holds no valid id: replaced outright.
        return reset(state);
    }

    /** The stored id, or null when there is none (or it is malformed). */
    public static String read(StateDirectory state) throws IOException {
        String text = state.read(FILE);
        if (text == null) {
            return null;
        }
        String id = text.trim();
        return isValid(id) ? id : null;
    }

    /** Writes a fresh id and returns it. */
    public static String reset(StateDirectory state) throws IOException {
        String id = RandomIds.hex128();
        state.write(FILE, id + "\n");
        return id;
    }

    static boolean isValid(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
