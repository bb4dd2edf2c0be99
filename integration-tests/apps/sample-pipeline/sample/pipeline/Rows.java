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

    /** A few microseconds of arithmetic the JIT cannot skip: a dependent multiply-add chain. */
    public long checksum(int row) {
        long h = seed ^ row;
        for (int k = 0; k < 4000; k++) {
            h = h * 31 + (row ^ k);
        }
        return h;
    }
}
