package dev.telemetryagent.config;

import java.util.List;

/** A call succeeds when it returns normally and the value read by {@link #value()} is among {@link #accepted()}. */
public final class SuccessRule {
    private final Accessor value;
    private final List<String> accepted;

    /** @param accepted values compared as strings */
    public SuccessRule(Accessor value, List<String> accepted) {
        this.value = value;
        this.accepted = accepted;
    }

    /** Where the value is read from. */
    public Accessor value() {
        return value;
    }

    /** The values, as strings, that mean success. */
    public List<String> accepted() {
        return accepted;
    }
}
