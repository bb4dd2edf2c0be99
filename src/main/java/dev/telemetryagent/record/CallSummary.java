package dev.telemetryagent.record;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls of one method beyond the per-run event cap, aggregated without allocation: count, failures and
 * total, minimum and maximum elapsed time.
 */
public final class CallSummary {
    private final MethodSite site;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();
    private final AtomicLong minNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxNanos = new AtomicLong(Long.MIN_VALUE);

    CallSummary(MethodSite site) {
        this.site = site;
    }

    void add(long elapsedNanos, boolean failed) {
        count.incrementAndGet();
        if (failed) {
            failures.incrementAndGet();
        }
        totalNanos.addAndGet(elapsedNanos);
        long min;
        while (elapsedNanos < (min = minNanos.get()) && !minNanos.compareAndSet(min, elapsedNanos)) {
            Thread.onSpinWait();
        }
        long max;
        while (elapsedNanos > (max = maxNanos.get()) && !maxNanos.compareAndSet(max, elapsedNanos)) {
            Thread.onSpinWait();
        }
    }

    /** A consistent-enough copy taken at flush time, and the counters reset. */
    Snapshot drain() {
        long c = count.getAndSet(0);
        if (c == 0) {
            return null;
        }
        return new Snapshot(site, c, failures.getAndSet(0), totalNanos.getAndSet(0),
                minNanos.getAndSet(Long.MAX_VALUE), maxNanos.getAndSet(Long.MIN_VALUE));
    }

    /** Aggregated calls of one method. */
    public static final class Snapshot {
        private final MethodSite site;
        private final long count;
        private final long failures;
        private final long totalNanos;
        private final long minNanos;
        private final long maxNanos;

        Snapshot(MethodSite site, long count, long failures, long totalNanos, long minNanos, long maxNanos) {
            this.site = site;
            this.count = count;
            this.failures = failures;
            this.totalNanos = totalNanos;
            this.minNanos = minNanos;
            this.maxNanos = maxNanos;
        }

        /** The method. */
        public MethodSite site() {
            return site;
        }

        /** Calls aggregated. */
        public long count() {
            return count;
        }

        /** Of which failed. */
        public long failures() {
            return failures;
        }

        /** Sum of elapsed times. */
        public long totalNanos() {
            return totalNanos;
        }

        /** Shortest call. */
        public long minNanos() {
            return minNanos;
        }

        /** Longest call. */
        public long maxNanos() {
            return maxNanos;
        }
    }
}
