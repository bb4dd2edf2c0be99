package dev.telemetryagent.consent;

/** One way of saying no. Rules are checked in the contract's order; the first that applies decides. */
public interface OptOutRule {
    /** Short stable name, e.g. {@code do_not_track}. */
    String name();

    /** Why telemetry is off, for people ("disabled by DO_NOT_TRACK"), or null when the rule does not apply. */
    String check(Situation situation);
}
