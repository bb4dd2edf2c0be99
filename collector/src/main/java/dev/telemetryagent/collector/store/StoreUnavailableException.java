package dev.telemetryagent.collector.store;

/** The store cannot be written right now (an outage, a full disk): the request is answered 503 and retried. */
public final class StoreUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An outage with its reason (never event content). */
    public StoreUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
