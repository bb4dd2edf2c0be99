package dev.telemetryagent.event;

/**
 * A duration in seconds that prints as a plain decimal with microsecond precision ({@code 2.234885}).
 * Written from integer nanoseconds so that building an event never loads the JDK's floating-point
 * formatting machinery on the exit path.
 */
public final class Seconds extends Number {
    private static final long serialVersionUID = 1L;

    private final long nanos;

    /** @param nanos non-negative duration */
    public Seconds(long nanos) {
        this.nanos = Math.max(0L, nanos);
    }

    /** The duration in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    @Override
    public int intValue() {
        return (int) longValue();
    }

    @Override
    public long longValue() {
        return nanos / 1_000_000_000L;
    }

    @Override
    public float floatValue() {
        return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
        return nanos / 1e9;
    }

    @Override
    public String toString() {
        // Into one char array, no builder: an exit writing 1,000 events calls this for each.
        long micros = (nanos + 500L) / 1000L;
        String whole = Long.toString(micros / 1_000_000L);
        int fraction = (int) (micros % 1_000_000L);
        int digits = 6;
        while (digits > 1 && fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        int w = whole.length();
        char[] out = new char[w + 1 + digits];
        whole.getChars(0, w, out, 0);
        out[w] = '.';
        for (int i = w + digits; i > w; i--) {
            out[i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seconds && ((Seconds) o).nanos == nanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nanos);
    }
}
