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
        long micros = (nanos + 500L) / 1000L;
        long whole = micros / 1_000_000L;
        long fraction = micros % 1_000_000L;
        StringBuilder sb = new StringBuilder(16).append(whole).append('.');
        String f = Long.toString(fraction);
        for (int i = f.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(f);
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '0' && sb.charAt(end - 2) != '.') {
            end--;
        }
        sb.setLength(end);
        return sb.toString();
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
