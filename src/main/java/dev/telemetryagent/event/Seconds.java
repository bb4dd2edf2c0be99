package dev.telemetryagent.event;

import java.nio.charset.StandardCharsets;

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
        // Into one Latin-1 byte array, no builder: an exit writing 1,000 events calls this for each. Through
        // chars, each call ran the JDK's byte-to-char inflation (the whole seconds' digits) and its
        // char-to-byte compression (the result): two loops that C2 then compiled during the exit.
        long micros = (nanos + 500L) / 1000L;
        long whole = micros / 1_000_000L;
        int fraction = (int) (micros % 1_000_000L);
        int digits = 6;
        while (digits > 1 && fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        int w = 1;
        for (long rest = whole / 10; rest > 0; rest /= 10) {
            w++;
        }
        byte[] out = new byte[w + 1 + digits];
        for (int i = w - 1; i >= 0; i--) {
            out[i] = (byte) ('0' + whole % 10);
            whole /= 10;
        }
        out[w] = '.';
        for (int i = w + digits; i > w; i--) {
            out[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        return new String(out, StandardCharsets.ISO_8859_1);
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
