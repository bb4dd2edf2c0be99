package dev.telemetryagent.event;

import dev.telemetryagent.config.Accessor;
import dev.telemetryagent.config.SecretNames;
import dev.telemetryagent.privacy.Redactor;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.CallSummary;
import dev.telemetryagent.record.FailureTrace;
import dev.telemetryagent.record.MethodSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw records into events: hashes the configured values, redacts every free-text value, and
 * adds the run's context. This is where the allowlist holds: only fixed fields, configured properties
 * (redacted) and hashes are ever put into an event.
 */
public final class EventFactory {
    /** Distinct values whose redaction is kept; beyond, values are redacted every time. */
    private static final int MAX_KEPT = 1024;

    private final Map<String, Object> context;
    private final String anonymousId;
    private final String userId;
    private final Hasher hasher;
    private Redactor redactor;
    /**
     * Each free-text value's redaction, for this factory's flush: its events mostly carry the same few
     * property values (a pipeline's name, a stage's). Keyed by the value itself; the redaction depends on
     * nothing else (the machine's names are fixed for the process).
     */
    private final Map<String, String> redacted = new HashMap<>();
    /** The last timestamp written, for the events of one millisecond (most of a burst's). */
    private long isoMillis = Long.MIN_VALUE;
    private String iso;
    private final boolean errorDetails;
    /**
     * SplitMix64 state (SplittableRandom's generator, written out: on JDK 17 that class brings in the
     * random generator framework, eight classes on a short run's exit).
     */
    private long messageIds;

    /**
     * @param userId null unless identified mode sends it
     * @param hasher null when no record to be built has a value to hash
     * @param errorDetails whether failures carry a redacted {@code error_message}
     */
    public EventFactory(Map<String, Object> context, String anonymousId, String userId, Hasher hasher,
            boolean errorDetails) {
        this.context = context;
        this.anonymousId = anonymousId;
        this.userId = userId;
        this.hasher = hasher;
        this.errorDetails = errorDetails;
        byte[] seed = RandomIds.bytes(8);
        long s = 0;
        for (byte b : seed) {
            s = (s << 8) | (b & 0xff);
        }
        this.messageIds = s;
    }

    /** Events for the records and summaries, records first. */
    public List<Event> build(List<CallRecord> records, List<CallSummary.Snapshot> summaries) {
        List<Event> events = new ArrayList<>(records.size() + summaries.size());
        for (CallRecord r : records) {
            events.add(event(r));
        }
        for (CallSummary.Snapshot s : summaries) {
            events.add(summary(s));
        }
        return events;
    }

    /** The event of one record. */
    public Event event(CallRecord r) {
        Map<String, Object> p = new EventProperties();
        String name;
        if (r.isCommand()) {
            List<String> path = r.commandPath();
            List<String> sub = path.size() > 1 ? path.subList(1, path.size()) : path;
            name = "command_" + String.join("_", sub);
            p.put("event_category", "command");
            p.put("event_name", String.join(" ", sub));
        } else {
            MethodSite site = r.site();
            name = site.eventName();
            p.put("event_category", site.spec().category());
            p.put("event_name", site.method());
        }
        p.put("elapsed", new Seconds(r.elapsedNanos()));
        p.put("success", r.success());
        if (r.isCommand()) {
            p.put("exit_code", r.exitCode());
            p.put("options", new ArrayList<>(r.options()));
        }
        for (Map.Entry<String, String> e : r.hashInputs().entrySet()) {
            p.put(e.getKey() + "_hash", isSecret(r, e.getKey()) ? SecretNames.PLACEHOLDER : hasher.hash(e.getValue()));
        }
        for (Map.Entry<String, String> e : r.properties().entrySet()) {
            p.put(e.getKey(), redact(e.getValue()));
        }
        FailureTrace failure = r.failure();
        if (failure != null) {
            if (r.usageError()) {
                p.put("usage_error", true);
            }
            p.put("error_type", failure.type());
            if (failure.rootType() != null) {
                p.put("error_root_type", failure.rootType());
            }
            if (failure.site() != null) {
                p.put("error_site", failure.site());
            }
            p.put("error_fingerprint", ErrorFingerprint.of(failure));
            // A usage error's message quotes what the user typed; the recorder keeps none, and preview's
            // example must not show one either.
            if (errorDetails && !r.usageError() && failure.message() != null) {
                p.put("error_message", redact(failure.message()));
            }
        }
        return new Event(name, anonymousId, userId, messageId(), iso(r.timestampMillis()), context, p);
    }

    /** A hash whose name or accessor names a secret is sent as the placeholder, never as a hash of it. */
    private static boolean isSecret(CallRecord r, String hashName) {
        Accessor a = r.isCommand() ? null : r.site().spec().hashes().get(hashName);
        return a != null && a.isSecret();
    }

    /** The redaction of a free-text value, computed once per distinct value of this flush (at most {@link #MAX_KEPT}). */
    private String redact(String text) {
        String known = redacted.get(text);
        if (known != null) {
            return known;
        }
        String out = redactor().redact(text);
        if (text != null && redacted.size() < MAX_KEPT) {
            redacted.put(text, out);
        }
        return out;
    }

    private String iso(long millis) {
        if (millis != isoMillis || iso == null) {
            iso = Timestamps.iso(millis);
            isoMillis = millis;
        }
        return iso;
    }

    /** The redactor, created on first use: a run whose events carry no free text never compiles its patterns. */
    private Redactor redactor() {
        if (redactor == null) {
            redactor = new Redactor();
        }
        return redactor;
    }

    private long nextMessageBits() {
        long z = messageIds += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Unique per event; seeded once from the OS so building many events opens no file per event. */
    private String messageId() {
        long hi = nextMessageBits();
        return RandomIds.hex(hi, nextMessageBits());
    }

    private Event summary(CallSummary.Snapshot s) {
        Map<String, Object> p = new EventProperties();
        MethodSite site = s.site();
        boolean command = site.spec().picocli();
        String name = command ? "command_summary" : site.eventName();
        p.put("event_category", site.spec().category());
        p.put("event_name", command ? "summary" : site.method());
        p.put("summary", true);
        p.put("count", s.count());
        p.put("failures", s.failures());
        p.put("elapsed_total", new Seconds(s.totalNanos()));
        p.put("elapsed_min", new Seconds(s.minNanos()));
        p.put("elapsed_max", new Seconds(s.maxNanos()));
        if (s.sampled()) {
            p.put("elapsed_sampled", true);
            p.put("elapsed_samples", s.samples());
        }
        return new Event(name, anonymousId, userId, messageId(), iso(System.currentTimeMillis()), context, p);
    }
}
