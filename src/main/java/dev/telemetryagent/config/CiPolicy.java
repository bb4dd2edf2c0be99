package dev.telemetryagent.config;

/** What happens in a CI environment: send nothing, or send with {@code context.ci_run = true}. */
public enum CiPolicy {
    DISABLE, TAG
}
