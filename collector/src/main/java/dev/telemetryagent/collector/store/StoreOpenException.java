package dev.telemetryagent.collector.store;

/**
 * The store cannot be opened at start (held by another collector, unwritable, corrupt): its message is the one
 * line the collector prints before it exits with status 1.
 */
public final class StoreOpenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure to open, with the line to print. */
    public StoreOpenException(String line, Throwable cause) {
        super(line, cause);
    }
}
