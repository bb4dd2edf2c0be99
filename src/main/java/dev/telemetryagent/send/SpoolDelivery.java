package dev.telemetryagent.send;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.EndpointRule;
import dev.telemetryagent.config.SenderSettings;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.event.Timestamps;
import dev.telemetryagent.logging.AgentLog;
import dev.telemetryagent.state.FileDeletes;
import dev.telemetryagent.state.FileWrites;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers the spool to the endpoint, oldest file first, one deliverer at a time (a file lock in the
 * spool directory), within a deadline. Every opt-out rule is checked again right before each request;
 * opted out, the spool is emptied, so nothing held back is sent later either.
 *
 * <p>Per request: 2xx delivers (the events go to {@code sent.jsonl}); 5xx, 408, 429 and network, TLS
 * or protocol failures are retried with exponential backoff and jitter, honouring Retry-After, for at
 * most {@link #MAX_ATTEMPTS} attempts and never past the deadline; a redirect (3xx) is not followed and
 * keeps the events for later; any other status drops the events and counts them. A file keeps only what
 * is still to deliver, for the next sender. Files are streamed in batches, whatever their size; a line
 * that is not an event is skipped and counted ({@link DeliveryStats#MALFORMED}).
 */
public final class SpoolDelivery {
    /** Attempts of one request before the endpoint counts as failing for now. */
    static final int MAX_ATTEMPTS = 4;
    private static final long LOCK_POLL_MILLIS = 50L;
    /** Events read from a spool file per batch. */
    static final int BATCH_EVENTS = 500;
    /** Characters of spool lines read per batch. */
    static final long BATCH_BYTES = 1L << 20;

    /** How a delivery ended. */
    public enum Outcome {
        /** Nothing is left in the spool. */
        EMPTIED,
        /** The endpoint failed or the deadline came; what is left stays spooled. */
        FAILED,
        /** Another deliverer holds the spool. */
        BUSY,
        /** An opt-out applies now: the spool was emptied, nothing sent. */
        OPTED_OUT
    }

    private final AgentConfig config;
    private final Situation situation;
    private final Spool spool;
    private final SentLog sentLog;
    private final DeliveryStats stats;
    private final WireFormat format;
    private final HttpDelivery http;
    private final int maxAttempts;

    /**
     * @param situation the environment whose opt-outs are checked before each request
     * @param maxAttempts attempts per request, at most {@link #MAX_ATTEMPTS}
     */
    public SpoolDelivery(AgentConfig config, Situation situation, int maxAttempts) {
        this.config = config;
        this.situation = situation;
        StateDirectory state = new StateDirectory(config.telemetry().stateDir());
        String route = Spool.routeOf(config.sender());
        this.spool = new Spool(state, route, new Spool(state, route).adoptionCutoff(System.currentTimeMillis()));
        this.sentLog = new SentLog(state);
        this.stats = new DeliveryStats(spool.dir());
        SenderSettings s = config.sender();
        this.format = Formats.of(s.format());
        this.http = new HttpDelivery(s.timeoutMs());
        this.maxAttempts = Math.max(1, Math.min(MAX_ATTEMPTS, maxAttempts));
    }

    /** The spool this delivers. */
    public Spool spool() {
        return spool;
    }

    /**
     * Delivers until the spool is empty, the endpoint fails or the deadline passes.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which to stop
     * @param waitForLock whether to wait (until the deadline) for another deliverer to finish
     */
    public Outcome deliverAll(long deadlineNanos, boolean waitForLock) throws IOException, InterruptedException {
        if (config.sender().endpoint() == null || EndpointRule.check(config.sender().endpoint()) != null) {
            return Outcome.FAILED;
        }
        StateDirectory.ensureDirectory(spool.dir());
        try (FileChannel channel = FileWrites.openLockFile(new File(spool.dir(), Spool.LOCK))) {
            FileLock lock = lock(channel, deadlineNanos, waitForLock);
            if (lock == null) {
                return Outcome.BUSY;
            }
            try {
                return deliverLocked(deadlineNanos);
            } finally {
                lock.release();
            }
        }
    }

    private static FileLock lock(FileChannel channel, long deadlineNanos, boolean wait)
            throws IOException, InterruptedException {
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException heldInThisJvm) {
                return null;
            }
            if (!wait || System.nanoTime() + LOCK_POLL_MILLIS * 1_000_000L > deadlineNanos) {
                return null;
            }
            Thread.sleep(LOCK_POLL_MILLIS);
        }
    }

    private Outcome deliverLocked(long deadlineNanos) throws IOException, InterruptedException {
        // A file that cannot be opened is left for the spool's bounds (which count it) and not retried
        // in this delivery: it never blocks the others.
        Set<File> skipped = new HashSet<>();
        while (true) {
            List<File> files = spool.prune(stats);
            files.removeAll(skipped);
            if (files.isEmpty()) {
                return skipped.isEmpty() ? Outcome.EMPTIED : Outcome.FAILED;
            }
            for (File f : files) {
                Outcome o = deliver(f, deadlineNanos, skipped);
                if (o != null) {
                    return o;
                }
            }
        }
    }

    /**
     * Delivers one file, streamed in batches of at most {@link #BATCH_EVENTS} events or
     * {@link #BATCH_BYTES} bytes, so a file of any size costs the memory of one batch. A line that is
     * not an event (malformed, nested too deep, too long) is skipped and counted. Returns null when done
     * with the file, else the outcome that ends this delivery, the file then keeping what is still to
     * deliver.
     */
    private Outcome deliver(File f, long deadlineNanos, Set<File> skipped) throws IOException, InterruptedException {
        SpoolLines in;
        try {
            in = new SpoolLines(f);
        } catch (IOException unreadable) {
            if (f.exists()) {
                skipped.add(f);
            }
            return null;
        }
        try {
            boolean untouched = true;
            while (true) {
                Map<Map<String, Object>, String> lineOf = new IdentityHashMap<>();
                List<Map<String, Object>> events = new ArrayList<>();
                long malformed = 0;
                long bytes = 0;
                String line;
                while (events.size() < BATCH_EVENTS && bytes < BATCH_BYTES && (line = in.next()) != null) {
                    bytes += line.length();
                    Map<String, Object> e = event(line);
                    if (e == null) {
                        malformed++;
                    } else {
                        events.add(e);
                        lineOf.put(e, line);
                    }
                }
                if (malformed > 0) {
                    untouched = false;
                    stats.add(DeliveryStats.MALFORMED, malformed);
                    AgentLog.get().debug("skipped {} spool lines that are not events", malformed);
                }
                if (events.isEmpty()) {
                    if (malformed == 0) {
                        break;
                    }
                    continue;
                }
                Outcome o = deliverBatch(f, in, events, lineOf, untouched, deadlineNanos);
                if (o != null) {
                    return o;
                }
                untouched = false;
            }
        } finally {
            in.close();
        }
        FileDeletes.delete(f, false);
        return null;
    }

    /** One spool line as an event; null when it is not one. */
    private static Map<String, Object> event(String line) {
        try {
            Object parsed = JsonReader.read(line);
            if (parsed instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) parsed;
                return e;
            }
        } catch (RuntimeException malformed) {
            // counted by the caller
        }
        return null;
    }

    /**
     * Sends one batch read from {@code f}; on failure keeps its unsent events and the rest of the file
     * (rewriting the file only when some of it is done with).
     *
     * @param untouched whether nothing of the file was delivered or dropped before this batch
     */
    private Outcome deliverBatch(File f, SpoolLines in, List<Map<String, Object>> events,
            Map<Map<String, Object>, String> lineOf, boolean untouched, long deadlineNanos)
            throws IOException, InterruptedException {
        List<WireRequest> requests = format.requests(config.sender().endpoint(), config.sender().apiKey(), events,
                Timestamps.iso(System.currentTimeMillis()));
        int carried = 0;
        for (WireRequest r : requests) {
            carried += r.events().size();
        }
        if (carried < events.size()) {
            stats.add(DeliveryStats.OVERSIZE, events.size() - carried);
            AgentLog.get().debug("dropped {} events too large for the {} format", events.size() - carried,
                    config.sender().format().tomlName());
        }
        for (int i = 0; i < requests.size(); i++) {
            if (!OptOutRules.decide(situation).isEnabled()) {
                in.close();
                spool.clear();
                return Outcome.OPTED_OUT;
            }
            WireRequest r = requests.get(i);
            if (!send(r, lineOf, deadlineNanos)) {
                if (i > 0 || carried < events.size() || !untouched) {
                    Spool.keep(f, linesOf(requests.subList(i, requests.size()), lineOf), in.offset());
                }
                return Outcome.FAILED;
            }
        }
        return null;
    }

    /** Sends one request with retries; true when it is done with (delivered or rejected for good). */
    private boolean send(WireRequest r, Map<Map<String, Object>, String> lineOf, long deadlineNanos)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (remaining <= 0) {
                return false;
            }
            long retryAfter = -1L;
            try {
                HttpDelivery.Response response = http.post(r, remaining);
                int status = response.status();
                if (status >= 200 && status < 300) {
                    delivered(r, lineOf, CollectorReply.rejected(config.sender().format(), response.body(),
                            r.events().size()));
                    return true;
                }
                if (status >= 300 && status < 400) {
                    // Never followed (it could lead anywhere): the events wait for a corrected endpoint.
                    stats.failure("HTTP " + status + " " + DeliveryStats.REDIRECT_KEPT);
                    AgentLog.get().debug("collector answered HTTP {}; the events are kept", status);
                    return false;
                }
                if (status < 500 && status != 429 && status != 408) {
                    stats.rejected(r.events().size(), "HTTP " + status);
                    AgentLog.get().debug("collector rejected {} events with HTTP {}", r.events().size(), status);
                    return true;
                }
                retryAfter = response.retryAfterMillis();
                stats.failure("HTTP " + status);
                AgentLog.get().debug("collector answered HTTP {}", status);
            } catch (IOException e) {
                stats.failure(e.getClass().getName());
                AgentLog.get().debug("delivery failed: {}", e.getClass().getName());
            }
            if (attempt >= maxAttempts) {
                return false;
            }
            long delay = retryAfter >= 0 ? retryAfter : Backoff.delayMillis(attempt);
            if (System.nanoTime() + delay * 1_000_000L >= deadlineNanos) {
                return false;
            }
            Thread.sleep(delay);
        }
    }

    /** Counts a 2xx: the events the collector took, and those its reply says it rejected. */
    private void delivered(WireRequest r, Map<Map<String, Object>, String> lineOf, int rejected) {
        stats.add(DeliveryStats.DELIVERED, r.events().size() - rejected);
        stats.add(DeliveryStats.REJECTED, rejected);
        try {
            sentLog.append(linesOf(java.util.Collections.singletonList(r), lineOf));
        } catch (IOException e) {
            AgentLog.get().debug("cannot write the sent log: {}", e.getClass().getName());
        }
    }

    private static List<String> linesOf(List<WireRequest> requests, Map<Map<String, Object>, String> lineOf) {
        List<String> out = new ArrayList<>();
        for (WireRequest r : requests) {
            for (Map<String, Object> e : r.events()) {
                out.add(lineOf.get(e));
            }
        }
        return out;
    }
}
