package dev.telemetryagent.record;

/**
 * How deep each thread is in each instrumented method, so that a method calling itself yields one
 * event (the outermost call) while distinct instrumented methods nested in each other each yield
 * their own. Contract: every {@link #enter} is matched by exactly one {@link #exit} of the same id on
 * the same thread; the advice guarantees this by calling exit for every token enter gave out.
 */
final class CallDepth {
    private final int size;
    /** Plain, not an initialValue subclass: one class fewer to load in premain. */
    private final ThreadLocal<int[]> depths = new ThreadLocal<>();

    CallDepth(int size) {
        this.size = size;
    }

    /** Increments the depth of {@code id}; true when this is the outermost call. */
    boolean enter(int id) {
        int[] d = depths.get();
        if (d == null) {
            d = new int[size];
            depths.set(d);
        }
        return d[id]++ == 0;
    }

    /** Decrements the depth of {@code id}. */
    void exit(int id) {
        int[] d = depths.get();
        if (d != null && d[id] > 0) {
            d[id]--;
        }
    }

    /** Whether this thread is inside a call of {@code id}. */
    boolean inside(int id) {
        int[] d = depths.get();
        return d != null && d[id] > 0;
    }
}
