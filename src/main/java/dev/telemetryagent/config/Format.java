package dev.telemetryagent.config;

/** The wire format events are delivered in. */
public enum Format {
    JSON, POSTHOG, SEGMENT, OTLP;

    /** The TOML spelling. */
    public String tomlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
