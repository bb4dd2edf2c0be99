package sample.pipeline;

/** A small unit of real work, called millions of times by the "flood" command. */
public class Rows {
    private final int seed;

    public Rows(int seed) {
        this.seed = seed;
    }

    /** A trivial method, for the cost of instrumentation itself: a multiply-add. */
    public long next(int row) {
        return row * 31L + seed;
    }

    /**
     * A pipeline's run over {@code count} rows, one {@link #next} each: the run-level method a maintainer
     * lists beside the per-element one.
     */
    public long all(int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += next(i);
        }
        return sum;
    }

    /** A few microseconds of arithmetic the JIT cannot skip: a dependent multiply-add chain. */
    public long checksum(int row) {
        long h = seed ^ row;
        for (int k = 0; k < 4000; k++) {
            h = h * 31 + (row ^ k);
        }
        return h;
    }
}
