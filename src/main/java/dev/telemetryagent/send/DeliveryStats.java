package dev.telemetryagent.send;

import dev.telemetryagent.event.Timestamps;
import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of what happened to spooled events, in {@code <state_dir>/spool/stats.json}: delivered,
 * rejected by the collector (4xx), dropped as too large for the format, expired from the spool, spool
 * lines that were not events; and the
 * last failure (a class name or an HTTP status, never a URL). Lives in the spool so {@code disable}
 * removes it with the spool.
 */
public final class DeliveryStats {
    /** File name in the spool directory. */
    public static final String FILE = "stats.json";
    /** Events the collector accepted. */
    public static final String DELIVERED = "delivered";
    /** Events the collector rejected for good (4xx other than 408 and 429). */
    public static final String REJECTED = "rejected";
    /** Events too large for the wire format. */
    public static final String OVERSIZE = "oversize";
    /** Events removed from the spool unsent because of its size or age bounds. */
    public static final String EXPIRED = "expired";
    /** Spool lines skipped because they are not events (malformed, nested too deep, too long). */
    public static final String MALFORMED = "malformed";
    /** Ends the last failure of a redirect: it is never followed and the events stay spooled. */
    public static final String REDIRECT_KEPT = "(redirect not followed; events kept)";
    /** The counters, in the order {@code status} shows them. */
    public static final String[] COUNTERS = {DELIVERED, REJECTED, OVERSIZE, EXPIRED, MALFORMED};

    private final File file;

    /** @param spoolDir the spool directory */
    public DeliveryStats(File spoolDir) {
        this.file = new File(spoolDir, FILE);
    }

    /** Adds {@code n} to a counter. */
    public synchronized void add(String counter, long n) {
        if (n <= 0) {
            return;
        }
        Map<String, Object> m = read();
        Object old = m.get(counter);
        m.put(counter, (old instanceof Number ? ((Number) old).longValue() : 0L) + n);
        write(m);
    }

    /** Records the last failure, described without any address. */
    public synchronized void failure(String what) {
        Map<String, Object> m = read();
        lastFailure(m, what);
        write(m);
    }

    /**
     * Counts {@code n} events rejected for good with their failure, in one write: the file (and
     * {@code status}) never shows a rejection without its reason.
     */
    public synchronized void rejected(long n, String what) {
        Map<String, Object> m = read();
        Object old = m.get(REJECTED);
        m.put(REJECTED, (old instanceof Number ? ((Number) old).longValue() : 0L) + n);
        lastFailure(m, what);
        write(m);
    }

    private static void lastFailure(Map<String, Object> m, String what) {
        m.put("last_failure", what);
        m.put("last_failure_at", Timestamps.iso(System.currentTimeMillis()));
    }

    /** The counters and last failure; empty when nothing was recorded. */
    public synchronized Map<String, Object> read() {
        try {
            if (file.isFile()) {
                Object o = JsonReader.read(FileReads.text(file, StateDirectory.SMALL_FILE_BYTES));
                if (o instanceof Map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) o;
                    return m;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // counters are informational: an unreadable file starts again from zero
        }
        return new LinkedHashMap<>();
    }

    private void write(Map<String, Object> m) {
        try {
            StateDirectory.ensureDirectory(file.getParentFile());
            StateDirectory.writeAtomically(file, JsonWriter.write(m).getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // counters are informational
        }
    }
}
