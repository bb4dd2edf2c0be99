package dev.telemetryagent.record;

/**
 * One thread's calls of every instrumented method: whether the thread is inside each (so that a method
 * calling itself counts once, the outermost call, while distinct methods nested in each other count each),
 * and its calls beyond the per-run cap: exact counts of calls and failures, and the times of a sample of
 * them. Only its own thread writes it, with plain stores, so a call beyond the cap costs no atomic
 * operation; {@link CallSummary} adds the threads' tallies up at flush.
 *
 * <p>Timing: each thread times its first {@link #EXACT_CALLS} calls of a method beyond the cap, then each
 * further call independently with probability 1/{@link #SAMPLE_EVERY} (the gaps between timed calls are
 * drawn from the geometric distribution, so an untimed call costs one decrement, and no periodic workload
 * can fall in step with the sampling), and weighs each timed call by the inverse of its probability of
 * being timed (1, then {@link #SAMPLE_EVERY}): the weighted sum is an unbiased estimate of the total
 * (Horvitz-Thompson), see docs/PERFORMANCE.md.
 */
final class ThreadTally {
    /** Calls of a method beyond the cap that a thread times, each, before it samples. */
    static final long EXACT_CALLS = 64L;
    /** One call in this many is timed after the first {@link #EXACT_CALLS}; a power of two. */
    static final long SAMPLE_EVERY = 64L;

    static final int CALLS = 0;
    static final int FAILURES = 1;
    static final int SAMPLES = 2;
    static final int WEIGHTED_NANOS = 3;
    static final int MIN_NANOS = 4;
    static final int MAX_NANOS = 5;
    /** Calls left until the next timed one (1 during the first {@link #EXACT_CALLS}; not reported). */
    private static final int COUNTDOWN = 6;
    /**
     * 1 while an outermost call of the method is under way, else 0. A flag rather than a depth counter: a
     * nested call only reads it, and the outermost call's exit only writes it, so successive calls do not
     * wait on one another's read-modify-write of it. In the method's line of {@link #cells}, which the
     * call touches anyway: a separate array was one more dependent load on every call's entry.
     */
    private static final int INSIDE = 7;
    /** Longs per method: one cache line. */
    static final int STRIDE = 8;
    /** ln(1 - 1/SAMPLE_EVERY), for drawing geometric gaps. */
    private static final double LOG_UNTIMED = Math.log(1.0 - 1.0 / SAMPLE_EVERY);

    final Thread owner;
    /** Per method, {@link #STRIDE} longs: the indexes above. */
    final long[] cells;
    /** xorshift64 state: only the sampling gaps come from it. */
    private long random;

    /**
     * @param seed of the sampling; any value (the gaps need only differ between threads and runs, not be
     *     unpredictable)
     */
    ThreadTally(Thread owner, int methods, long seed) {
        this.owner = owner;
        this.cells = new long[methods * STRIDE];
        this.random = seed == 0L ? 0x9E3779B97F4A7C15L : seed;
        for (int i = 0; i < methods; i++) {
            cells[i * STRIDE + MIN_NANOS] = Long.MAX_VALUE;
            cells[i * STRIDE + MAX_NANOS] = Long.MIN_VALUE;
            cells[i * STRIDE + COUNTDOWN] = 1L;
        }
    }

    /** True when this call of {@code id} is the outermost one, which the thread is now inside. */
    boolean enter(int id) {
        int at = id * STRIDE + INSIDE;
        if (cells[at] != 0L) {
            return false;
        }
        cells[at] = 1L;
        return true;
    }

    /** Whether this thread is inside a call of {@code id}. */
    boolean inside(int id) {
        return cells[id * STRIDE + INSIDE] != 0L;
    }

    /** The outermost call of {@code id} has ended (nested calls do not come here). */
    void exit(int id) {
        cells[id * STRIDE + INSIDE] = 0L;
    }

    /** For a call beyond the cap: counts it down; true when it is not to be timed (then nothing else to do). */
    boolean untimed(int id) {
        return --cells[id * STRIDE + COUNTDOWN] > 0L;
    }

    /**
     * For a call beyond the cap that {@link #untimed} found to be timed: the weight of its time (1 or
     * {@link #SAMPLE_EVERY}).
     */
    long weightOfTimed(int id) {
        int at = id * STRIDE;
        // This thread's calls of the method come one at a time (a nested one never asks), so the count of
        // those ended is this call's index.
        long index = cells[at + CALLS];
        if (index < EXACT_CALLS) {
            cells[at + COUNTDOWN] = index < EXACT_CALLS - 1L ? 1L : nextGap();
            return 1L;
        }
        cells[at + COUNTDOWN] = nextGap();
        return SAMPLE_EVERY;
    }

    /** Calls from one timed call to the next: geometric, each call timed with probability 1/SAMPLE_EVERY. */
    private long nextGap() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        double u = ((x >>> 11) + 1L) * 0x1.0p-53;
        return 1L + (long) (Math.log(u) / LOG_UNTIMED);
    }

    /** Counts a call beyond the cap whose time was not taken. */
    void count(int id, boolean failed) {
        int at = id * STRIDE;
        cells[at + CALLS]++;
        if (failed) {
            cells[at + FAILURES]++;
        }
    }

    /** Counts a call beyond the cap timed with the given weight. */
    void count(int id, boolean failed, long elapsedNanos, long weight) {
        int at = id * STRIDE;
        cells[at + CALLS]++;
        if (failed) {
            cells[at + FAILURES]++;
        }
        cells[at + SAMPLES]++;
        cells[at + WEIGHTED_NANOS] += elapsedNanos * weight;
        if (elapsedNanos < cells[at + MIN_NANOS]) {
            cells[at + MIN_NANOS] = elapsedNanos;
        }
        if (elapsedNanos > cells[at + MAX_NANOS]) {
            cells[at + MAX_NANOS] = elapsedNanos;
        }
    }
}
