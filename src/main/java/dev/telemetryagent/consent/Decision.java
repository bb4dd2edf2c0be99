package dev.telemetryagent.consent;

import dev.telemetryagent.config.Mode;

/** The outcome of the opt-out rules: whether to send, why not, and with which effective mode. */
public final class Decision {
    private final boolean enabled;
    private final String rule;
    private final String reason;
    private final Mode mode;
    private final String userId;
    private final boolean ciRun;

    private Decision(boolean enabled, String rule, String reason, Mode mode, String userId, boolean ciRun) {
        this.enabled = enabled;
        this.rule = rule;
        this.reason = reason;
        this.mode = mode;
        this.userId = userId;
        this.ciRun = ciRun;
    }

    /** Telemetry is off; {@code rule} is the short name of the deciding rule, {@code reason} says it for people. */
    public static Decision disabled(String rule, String reason) {
        return new Decision(false, rule, reason, Mode.OFF, null, false);
    }

    /** Telemetry is on. */
    public static Decision enabled(Mode mode, String userId, boolean ciRun) {
        return new Decision(true, null, "enabled", mode, userId, ciRun);
    }

    /** Whether anything may be sent. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Short name of the rule that disabled telemetry, or null. */
    public String rule() {
        return rule;
    }

    /** For people: "disabled by DO_NOT_TRACK", ... or "enabled". */
    public String reason() {
        return reason;
    }

    /** Effective mode (off when disabled). */
    public Mode mode() {
        return mode;
    }

    /** The user id to send (identified mode only), or null. */
    public String userId() {
        return userId;
    }

    /** Whether this run is in CI (and {@code ci = "tag"} let it send). */
    public boolean ciRun() {
        return ciRun;
    }
}
