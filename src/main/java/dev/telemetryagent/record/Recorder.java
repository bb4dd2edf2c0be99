package dev.telemetryagent.record;

import dev.telemetryagent.bootstrap.BridgeSink;
import dev.telemetryagent.config.Accessor;
import dev.telemetryagent.config.InstrumentSpec;
import dev.telemetryagent.config.SuccessRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hot path: receives every instrumented call through the bridge. It times calls with a monotonic
 * clock, reads the configured accessors while the objects are still as the call left them, and
 * queues raw records on a lock-free queue. No I/O, no locks, no JSON. Beyond the per-run cap it
 * aggregates into per-method counters and allocates nothing.
 */
public final class Recorder implements BridgeSink {
    private final MethodSite[] sites;
    private final CallSummary[] summaries;
    private final CallDepth depth;
    private volatile AccessorReader accessors;
    private volatile FailureReader failures;
    /** A failure picocli handled inside the executing command on this thread, until the command ends. */
    private final ThreadLocal<HandledFailure> handled = new ThreadLocal<>();
    private final int cap;
    private final boolean errorDetails;
    private final long origin = System.nanoTime();
    // Wall time of records is derived from the monotonic clock read for their duration: one clock read
    // fewer per call. It can drift from the wall clock by what NTP adjusts during a run; events only
    // need it to the second.
    private final long originMillis = System.currentTimeMillis();
    private final AtomicInteger admitted = new AtomicInteger();
    private final RecordStack queue = new RecordStack();
    /** Null until the sender asks to be told (runs that print their events never do). */
    private volatile RecordListener listener;

    /**
     * @param sites instrumented methods, indexed by id
     * @param cap events recorded one by one in this run
     * @param errorDetails whether to keep exception messages (redacted later)
     */
    public Recorder(MethodSite[] sites, int cap, boolean errorDetails) {
        this.sites = sites.clone();
        this.summaries = new CallSummary[sites.length];
        for (int i = 0; i < sites.length; i++) {
            summaries[i] = sites[i] == null ? null : new CallSummary(sites[i]);
        }
        this.depth = new CallDepth(sites.length);
        this.cap = cap;
        this.errorDetails = errorDetails;
    }

    /** Sets who is told about new records. */
    public void listener(RecordListener newListener) {
        listener = newListener;
    }

    @Override
    public long enter(int id) {
        if (id < 0 || id >= sites.length || sites[id] == null) {
            return -1L;
        }
        if (!depth.enter(id)) {
            return 0L;
        }
        return System.nanoTime() - origin + 1L;
    }

    @Override
    public boolean detailed() {
        return admitted.get() < cap;
    }

    @Override
    public void exit(int id, long token, Object self, Object[] args, Object returned, Throwable thrown) {
        long now = System.nanoTime();
        long elapsed = elapsed(token, now);
        depth.exit(id);
        MethodSite site = sites[id];
        boolean success = succeeded(site.spec(), self, args, returned, thrown);
        if (admitted.getAndIncrement() >= cap) {
            summaries[id].add(elapsed, !success);
            return;
        }
        InstrumentSpec spec = site.spec();
        Map<String, String> hashes = values(spec.hashes(), self, args, returned);
        Map<String, String> props = values(spec.properties(), self, args, returned);
        FailureTrace failure = thrown == null ? null : failures().read(thrown, null, false);
        queue(new CallRecord(site, wallMillis(now), elapsed, success, failure, false, hashes, props, null, null, 0),
                now);
    }

    @Override
    public void exitCounted(int id, long token, Object self, Object returned, Throwable thrown) {
        long elapsed = elapsed(token, System.nanoTime());
        depth.exit(id);
        summaries[id].add(elapsed, !succeeded(sites[id].spec(), self, null, returned, thrown));
    }

    @Override
    public void exitNested(int id) {
        depth.exit(id);
    }

    @Override
    public void exitCommand(long token, List<String> path, List<String[]> optionNames, List<String> typedArgs,
            int exitCode, Throwable thrown) {
        long now = System.nanoTime();
        long elapsed = elapsed(token, now);
        depth.exit(0);
        HandledFailure handledHere = handled.get();
        if (handledHere != null) {
            handled.remove();
        }
        boolean success = thrown == null && exitCode == 0;
        if (admitted.getAndIncrement() >= cap) {
            summaries[0].add(elapsed, !success);
            return;
        }
        FailureTrace failure = null;
        boolean usageError = false;
        List<String> names = path;
        List<String[]> options = optionNames;
        List<String> typed = typedArgs;
        if (!success) {
            if (thrown == null && handledHere != null && handledHere.usagePath != null
                    && !handledHere.usagePath.isEmpty()) {
                // Named after the deepest command the parser reached, which the parse result lacks.
                usageError = true;
                names = handledHere.usagePath;
                options = handledHere.usageOptions;
                typed = handledHere.typedArgs;
            }
            Throwable cause = thrown != null ? thrown : handledHere == null ? null : handledHere.failure;
            if (cause != null) {
                failure = failures().read(cause, handledHere == null ? null : handledHere.origin, usageError);
            }
        }
        ExecutedCommand executed = ExecutedCommand.of(names, options, typed);
        queue(new CallRecord(sites[0], wallMillis(now), elapsed, success, failure, usageError,
                Collections.<String, String>emptyMap(), Collections.<String, String>emptyMap(), executed.path,
                executed.options, exitCode), now);
    }

    @Override
    public void commandFailed(Throwable failure, Class<?> origin, List<String> usagePath, List<String[]> usageOptions,
            List<String> typedArgs) {
        if (failure != null && sites.length > 0 && sites[0] != null && depth.inside(0)) {
            HandledFailure before = handled.get();
            if (usagePath == null && before != null && before.usagePath != null
                    && FailureTrace.inChain(failure, before.failure)) {
                // A parameter exception handler rethrew the usage error (picocli's handleUnhandled then
                // takes it): it stays a usage error of the command the parser reached.
                return;
            }
            handled.set(new HandledFailure(failure, origin, usagePath, usageOptions, typedArgs));
        }
    }

    /** Takes every queued record, oldest first. */
    public List<CallRecord> drainRecords() {
        return queue.drain();
    }

    /** Takes the aggregates of calls beyond the cap, and resets them. */
    public List<CallSummary.Snapshot> drainSummaries() {
        List<CallSummary.Snapshot> out = new ArrayList<>();
        for (CallSummary s : summaries) {
            CallSummary.Snapshot snap = s == null ? null : s.drain();
            if (snap != null) {
                out.add(snap);
            }
        }
        return out;
    }

    private void queue(CallRecord record, long nowNanos) {
        int n = queue.push(record);
        RecordListener l = listener;
        if (l != null) {
            l.recorded(n, nowNanos);
        }
    }

    private long elapsed(long token, long nowNanos) {
        return Math.max(0L, nowNanos - origin + 1L - token);
    }

    private long wallMillis(long nowNanos) {
        return originMillis + (nowNanos - origin) / 1_000_000L;
    }

    private boolean succeeded(InstrumentSpec spec, Object self, Object[] args, Object returned, Throwable thrown) {
        if (thrown != null) {
            return false;
        }
        SuccessRule rule = spec.success();
        if (rule == null) {
            return true;
        }
        Object value = accessors().read(rule.value(), self, args, returned);
        if (value == AccessorReader.NOT_APPLICABLE) {
            // A rule that cannot apply to this method (an int has no status) leaves "returned normally".
            return true;
        }
        return value != null && rule.accepted().contains(String.valueOf(value));
    }

    private Map<String, String> values(Map<String, Accessor> wanted, Object self, Object[] args, Object returned) {
        if (wanted.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Accessor> e : wanted.entrySet()) {
            Object v = accessors().read(e.getValue(), self, args, returned);
            if (v != null && v != AccessorReader.NOT_APPLICABLE) {
                try {
                    out.put(e.getKey(), String.valueOf(v));
                } catch (Throwable toStringFailed) {
                    // A value whose toString throws is omitted, like any accessor that throws.
                }
            }
        }
        return out;
    }

    /** Created on first use: a run without accessors never pays for the reflection caches. */
    private AccessorReader accessors() {
        AccessorReader a = accessors;
        if (a == null) {
            a = new AccessorReader();
            accessors = a;
        }
        return a;
    }

    /** Created on the first failure: a run without one never loads the failure path's classes. */
    private FailureReader failures() {
        FailureReader f = failures;
        if (f == null) {
            f = new FailureReader(errorDetails);
            failures = f;
        }
        return f;
    }

    /** What picocli's failure advice passed on, held until the command's exit. */
    private static final class HandledFailure {
        final Throwable failure;
        final Class<?> origin;
        final List<String> usagePath;
        final List<String[]> usageOptions;
        final List<String> typedArgs;

        HandledFailure(Throwable failure, Class<?> origin, List<String> usagePath, List<String[]> usageOptions,
                List<String> typedArgs) {
            this.failure = failure;
            this.origin = origin;
            this.usagePath = usagePath;
            this.usageOptions = usageOptions;
            this.typedArgs = typedArgs;
        }
    }
}
