package dev.telemetryagent.record;

import dev.telemetryagent.bootstrap.BridgeSink;
import dev.telemetryagent.config.Accessor;
import dev.telemetryagent.config.InstrumentSpec;
import dev.telemetryagent.config.SuccessRule;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hot path: receives every instrumented call through the bridge. It times calls with a monotonic
 * clock, reads the configured accessors while the objects are still as the call left them, and
 * queues raw records on a lock-free queue. No I/O, no locks, no JSON. Beyond the per-run cap it
 * counts into the calling thread's own {@link ThreadTally}, with no atomic operation and no allocation,
 * and reads the clock only for the sample of calls that are timed.
 *
 * <p>The token {@link #enter} gives: negative when the method is not tracked, 0 for a nested call of
 * the same method, {@link #UNTIMED} for a call beyond the cap that is counted but not timed, else the
 * call's start (monotonic nanoseconds since the recorder's origin, plus one) shifted left by one, whose
 * low bit says that the call's time is one of a sample (weight {@link ThreadTally#SAMPLE_EVERY}).
 */
public final class Recorder implements BridgeSink {
    private final MethodSite[] sites;
    /** Each method's success rule or null, by id: one load on the path of a call beyond the cap. */
    private final SuccessRule[] rules;

    private final CallSummary summaries;
    /** Plain, not an initialValue subclass: one class fewer to load in premain. */
    private final ThreadLocal<ThreadTally> tallies = new ThreadLocal<>();
    /** Slots of {@link #recent}; a power of two. */
    private static final int RECENT = 64;
    /** The tallies of recently calling threads, by thread id. */
    private final ThreadTally[] recent = new ThreadTally[RECENT];
    private volatile AccessorReader accessors;
    private volatile FailureReader failures;
    /** A failure picocli handled inside the executing command on this thread, until the command ends. */
    private final ThreadLocal<HandledFailure> handled = new ThreadLocal<>();
    private final int cap;
    private final boolean errorDetails;
    private final Instrumentation inst;
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
     * @param inst the agent's instrumentation: a failure's stack trace names classes, which are found
     *     among those loaded already
     */
    public Recorder(MethodSite[] sites, int cap, boolean errorDetails, Instrumentation inst) {
        this.sites = sites.clone();
        this.rules = new SuccessRule[sites.length];
        for (int i = 0; i < sites.length; i++) {
            rules[i] = sites[i] == null ? null : sites[i].spec().success();
        }
        this.summaries = new CallSummary(this.sites);
        this.cap = cap;
        this.errorDetails = errorDetails;
        this.inst = inst;
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
        ThreadTally tally = tally();
        if (!tally.enter(id)) {
            return 0L;
        }
        long sampled = 0L;
        if (admitted.get() >= cap) {
            // Beyond the cap for good (admissions only grow): timed only when in the sample. The common
            // case, a call not timed, is the countdown alone, small enough for C1 to inline too; the timed
            // call's weight is apart.
            if (tally.untimed(id)) {
                return UNTIMED;
            }
            sampled = tally.weightOfTimed(id) == 1L ? 0L : 1L;
        }
        return ((System.nanoTime() - origin + 1L) << 1) | sampled;
    }

    @Override
    public boolean detailed() {
        return admitted.get() < cap;
    }

    @Override
    public void exit(int id, long token, Object self, Object[] args, Object returned, Throwable thrown) {
        long now = System.nanoTime();
        long elapsed = elapsed(token, now);
        ThreadTally tally = tally();
        tally.exit(id);
        MethodSite site = sites[id];
        boolean success = succeeded(id, self, args, returned, thrown);
        if (admitted.getAndIncrement() >= cap) {
            countBeyondCap(tally, id, token, elapsed, !success);
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
        ThreadTally tally = tally();
        tally.exit(id);
        // Most calls beyond the cap neither throw nor have a success rule: no call to decide that.
        boolean failed = thrown != null || (rules[id] != null && !succeeded(id, self, null, returned, null));
        if (token == UNTIMED) {
            tally.count(id, failed);
            return;
        }
        long now = System.nanoTime();
        countBeyondCap(tally, id, token, elapsed(token, now), failed);
        RecordListener l = listener;
        if (l != null) {
            // A timed call tells the listener how long the run has lasted, as a record does: a run that
            // recorded its events early and goes on calling still starts delivering during the run.
            l.recorded(0, now);
        }
    }

    @Override
    public void exitNested(int id) {
        // Only the outermost call marks the thread as inside the method: a nested one leaves no trace.
    }

    @Override
    public void exitCommand(long token, List<String> path, List<String[]> optionNames, List<String> typedArgs,
            int exitCode, Throwable thrown) {
        long now = System.nanoTime();
        long elapsed = elapsed(token, now);
        ThreadTally tally = tally();
        tally.exit(0);
        HandledFailure handledHere = handled.get();
        if (handledHere != null) {
            handled.remove();
        }
        boolean success = thrown == null && exitCode == 0;
        if (admitted.getAndIncrement() >= cap) {
            countBeyondCap(tally, 0, token, elapsed, !success);
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
        if (failure != null && sites.length > 0 && sites[0] != null && tally().inside(0)) {
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

    /** Takes the aggregates of calls beyond the cap made since the last time. */
    public List<CallSummary.Snapshot> drainSummaries() {
        return summaries.drain();
    }

    /**
     * The calling thread's tally, made and registered at its first instrumented call. A small table
     * indexed by the thread's id answers first: a thread-local lookup (a hash probe and a weak
     * reference's check) was the largest part of a call beyond the cap. Two threads whose ids collide
     * take turns in a slot and fall back to the thread-local; a tally's fields are final, so another
     * thread reading a slot sees them complete.
     */
    private ThreadTally tally() {
        Thread owner = Thread.currentThread();
        ThreadTally t = recent[(int) owner.getId() & (RECENT - 1)];
        return t != null && t.owner == owner ? t : registered(owner);
    }

    /** The thread's tally where its slot holds another's: from the thread-local, made at its first call. */
    private ThreadTally registered(Thread owner) {
        ThreadTally t = tallies.get();
        if (t == null) {
            t = new ThreadTally(owner, sites.length, mix(System.nanoTime() + owner.getId() * 0x9E3779B97F4A7C15L));
            tallies.set(t);
            summaries.register(t);
        }
        recent[(int) owner.getId() & (RECENT - 1)] = t;
        return t;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void countBeyondCap(ThreadTally tally, int id, long token, long elapsed, boolean failed) {
        if (token == UNTIMED) {
            tally.count(id, failed);
        } else {
            tally.count(id, failed, elapsed, (token & 1L) == 0L ? 1L : ThreadTally.SAMPLE_EVERY);
        }
    }

    private void queue(CallRecord record, long nowNanos) {
        int n = queue.push(record);
        RecordListener l = listener;
        if (l != null) {
            l.recorded(n, nowNanos);
        }
    }

    private long elapsed(long token, long nowNanos) {
        return token == UNTIMED ? 0L : Math.max(0L, nowNanos - origin + 1L - (token >>> 1));
    }

    private long wallMillis(long nowNanos) {
        return originMillis + (nowNanos - origin) / 1_000_000L;
    }

    private boolean succeeded(int id, Object self, Object[] args, Object returned, Throwable thrown) {
        if (thrown != null) {
            return false;
        }
        SuccessRule rule = rules[id];
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
            f = new FailureReader(errorDetails, inst);
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
