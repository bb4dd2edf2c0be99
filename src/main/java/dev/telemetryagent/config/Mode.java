package dev.telemetryagent.config;

/** What the agent may send: nothing, anonymous events, or events that carry the user id. */
public enum Mode {
    OFF, ANONYMOUS, IDENTIFIED;

    /** The TOML spelling. */
    public String tomlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
