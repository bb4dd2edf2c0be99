package dev.telemetryagent.record;

/** Told, off nothing but a counter, that the recorder holds more events; the sender uses it to flush long runs. */
public interface RecordListener {
    /**
     * Called on the instrumented thread after a record was queued, or after a timed call beyond the cap;
     * must return at once.
     *
     * @param pending records queued and not yet drained (0 after a call beyond the cap)
     * @param nowNanos {@link System#nanoTime()} as the recorder just read it, so listeners need no clock
     */
    void recorded(int pending, long nowNanos);
}
