package dev.telemetryagent.collector.ingest;

/** A body that is not the {@code json} format (not JSON, no {@code batch} array): 400 with this reason. */
public final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A one-line reason, safe to send back (it never quotes the body). */
    public BadRequestException(String reason) {
        super(reason, null, false, false);
    }
}
