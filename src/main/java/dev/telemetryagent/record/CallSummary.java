package dev.telemetryagent.record;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls of every method beyond the per-run event cap, added up from the threads' {@link ThreadTally}s:
 * exact counts of calls and failures, and the estimated total, minimum and maximum time. Each thread
 * registers its tally once; the tallies of threads that have ended are folded into a base when the
 * register fills up, so that a run of a million short-lived (virtual) threads keeps only the live ones.
 * Taking the summaries never writes to a tally (only its thread does): each snapshot is what was added
 * since the previous one.
 */
public final class CallSummary {
    private final MethodSite[] sites;
    /** Of the threads that have ended, and folded in. */
    private final long[] base;
    /** What earlier snapshots reported. */
    private final long[] reported;
    private ThreadTally[] tallies = new ThreadTally[16];
    private int size;

    CallSummary(MethodSite[] sites) {
        this.sites = sites;
        this.base = fresh(sites.length);
        this.reported = fresh(sites.length);
    }

    private static long[] fresh(int methods) {
        long[] cells = new long[methods * ThreadTally.STRIDE];
        for (int i = 0; i < methods; i++) {
            cells[i * ThreadTally.STRIDE + ThreadTally.MIN_NANOS] = Long.MAX_VALUE;
            cells[i * ThreadTally.STRIDE + ThreadTally.MAX_NANOS] = Long.MIN_VALUE;
        }
        return cells;
    }

    /** Adds a thread's tally; once per thread. */
    synchronized void register(ThreadTally tally) {
        if (size == tallies.length) {
            foldEnded();
            if (size * 2 > tallies.length) {
                ThreadTally[] larger = new ThreadTally[tallies.length * 2];
                System.arraycopy(tallies, 0, larger, 0, size);
                tallies = larger;
            }
        }
        tallies[size++] = tally;
    }

    /**
     * Folds the tallies of ended threads into the base. {@link Thread#isAlive} returning false makes
     * everything the thread wrote visible here.
     */
    private void foldEnded() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            ThreadTally t = tallies[i];
            if (t.owner.isAlive()) {
                tallies[kept++] = t;
            } else {
                add(base, t.cells);
            }
        }
        for (int i = kept; i < size; i++) {
            tallies[i] = null;
        }
        size = kept;
    }

    /** Tallies registered and not folded: bounded by the live threads, not by every thread there was. */
    synchronized int registered() {
        return size;
    }

    /** What was added since the last call, per method that had calls beyond the cap. */
    synchronized List<Snapshot> drain() {
        foldEnded();
        long[] total = base.clone();
        for (int i = 0; i < size; i++) {
            add(total, tallies[i].cells);
        }
        List<Snapshot> out = new ArrayList<>();
        for (int id = 0; id < sites.length; id++) {
            int at = id * ThreadTally.STRIDE;
            long calls = total[at + ThreadTally.CALLS] - reported[at + ThreadTally.CALLS];
            if (sites[id] == null || calls <= 0L) {
                continue;
            }
            long samples = total[at + ThreadTally.SAMPLES] - reported[at + ThreadTally.SAMPLES];
            boolean timed = total[at + ThreadTally.SAMPLES] > 0L;
            out.add(new Snapshot(sites[id], calls,
                    total[at + ThreadTally.FAILURES] - reported[at + ThreadTally.FAILURES],
                    total[at + ThreadTally.WEIGHTED_NANOS] - reported[at + ThreadTally.WEIGHTED_NANOS],
                    timed ? total[at + ThreadTally.MIN_NANOS] : 0L, timed ? total[at + ThreadTally.MAX_NANOS] : 0L,
                    samples));
            System.arraycopy(total, at, reported, at, ThreadTally.STRIDE);
        }
        return out;
    }

    private static void add(long[] into, long[] cells) {
        for (int at = 0; at < into.length; at += ThreadTally.STRIDE) {
            into[at + ThreadTally.CALLS] += cells[at + ThreadTally.CALLS];
            into[at + ThreadTally.FAILURES] += cells[at + ThreadTally.FAILURES];
            into[at + ThreadTally.SAMPLES] += cells[at + ThreadTally.SAMPLES];
            into[at + ThreadTally.WEIGHTED_NANOS] += cells[at + ThreadTally.WEIGHTED_NANOS];
            into[at + ThreadTally.MIN_NANOS] = Math.min(into[at + ThreadTally.MIN_NANOS],
                    cells[at + ThreadTally.MIN_NANOS]);
            into[at + ThreadTally.MAX_NANOS] = Math.max(into[at + ThreadTally.MAX_NANOS],
                    cells[at + ThreadTally.MAX_NANOS]);
        }
    }

    /** Aggregated calls of one method. */
    public static final class Snapshot {
        private final MethodSite site;
        private final long count;
        private final long failures;
        private final long totalNanos;
        private final long minNanos;
        private final long maxNanos;
        private final long samples;

        Snapshot(MethodSite site, long count, long failures, long totalNanos, long minNanos, long maxNanos,
                long samples) {
            this.site = site;
            this.count = count;
            this.failures = failures;
            this.totalNanos = totalNanos;
            this.minNanos = minNanos;
            this.maxNanos = maxNanos;
            this.samples = samples;
        }

        /** The method. */
        public MethodSite site() {
            return site;
        }

        /** Calls aggregated (exact). */
        public long count() {
            return count;
        }

        /** Of which failed (exact). */
        public long failures() {
            return failures;
        }

        /** Sum of elapsed times: exact when every call was timed, else an unbiased estimate. */
        public long totalNanos() {
            return totalNanos;
        }

        /** Shortest timed call of the run so far. */
        public long minNanos() {
            return minNanos;
        }

        /** Longest timed call of the run so far. */
        public long maxNanos() {
            return maxNanos;
        }

        /** Calls whose time was taken. */
        public long samples() {
            return samples;
        }

        /** Whether the times are estimated from a sample of the calls (some were not timed). */
        public boolean sampled() {
            return samples < count;
        }
    }
}
