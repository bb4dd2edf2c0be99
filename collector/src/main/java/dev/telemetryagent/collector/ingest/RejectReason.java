package dev.telemetryagent.collector.ingest;

/** Why one event of a batch was not stored (the label of the {@code rejected} metric). */
public enum RejectReason {
    /** The event's JSON text is over 32 KiB. */
    TOO_LARGE("too_large"),
    /** A batch element that is not a JSON object. */
    NOT_AN_OBJECT("not_an_object"),
    /** {@code event}, {@code messageId}, {@code anonymousId} or {@code timestamp} is absent or empty. */
    MISSING_FIELD("missing_field"),
    /** A field of a known name has the wrong JSON type (a number where a string belongs...). */
    WRONG_TYPE("wrong_type"),
    /** {@code timestamp} is not an ISO-8601 UTC instant. */
    BAD_TIMESTAMP("bad_timestamp");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    /** The reason as it appears in metrics. */
    public String label() {
        return label;
    }
}
