package dev.telemetryagent.collector.ingest;

import java.io.IOException;

/** The body went past the collector's limit while it was being read: 413. */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The limit that was passed, in bytes. */
    public BodyTooLargeException(long limit) {
        super("body over " + limit + " bytes");
    }
}
