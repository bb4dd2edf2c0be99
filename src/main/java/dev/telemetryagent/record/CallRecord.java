package dev.telemetryagent.record;

import java.util.List;
import java.util.Map;

/**
 * One recorded call, as captured on the instrumented thread: raw values only. Hashing, redaction and
 * formatting happen later, off that thread.
 */
public final class CallRecord {
    private final MethodSite site;
    private final long timestampMillis;
    private final long elapsedNanos;
    private final boolean success;
    private final String errorType;
    private final String errorMessage;
    private final String rootCauseType;
    private final Map<String, String> hashInputs;
    private final Map<String, String> properties;
    private final List<String> commandPath;
    private final List<String> options;
    private final int exitCode;

    CallRecord(MethodSite site, long timestampMillis, long elapsedNanos, boolean success, String errorType,
            String errorMessage, String rootCauseType, Map<String, String> hashInputs, Map<String, String> properties,
            List<String> commandPath, List<String> options, int exitCode) {
        this.site = site;
        this.timestampMillis = timestampMillis;
        this.elapsedNanos = elapsedNanos;
        this.success = success;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.rootCauseType = rootCauseType;
        this.hashInputs = hashInputs;
        this.properties = properties;
        this.commandPath = commandPath;
        this.options = options;
        this.exitCode = exitCode;
    }

    /**
     * A successful call built from given values, for {@code preview}: the events a configuration would
     * produce, without running anything.
     *
     * @param commandPath for a picocli command, its path root first; null for a method call
     */
    public static CallRecord example(MethodSite site, long timestampMillis, long elapsedNanos,
            Map<String, String> hashInputs, Map<String, String> properties, List<String> commandPath,
            List<String> options) {
        return new CallRecord(site, timestampMillis, elapsedNanos, true, null, null, null, hashInputs, properties,
                commandPath, options, 0);
    }

    /** The instrumented method. */
    public MethodSite site() {
        return site;
    }

    /** Wall-clock time the call ended, in epoch milliseconds. */
    public long timestampMillis() {
        return timestampMillis;
    }

    /** Duration from a monotonic clock. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** Whether the call succeeded (see the contract's success rule). */
    public boolean success() {
        return success;
    }

    /** Class name of the thrown exception, or null. */
    public String errorType() {
        return errorType;
    }

    /** The thrown exception's raw message (not yet redacted), or null. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Class name of the root cause when the failure wraps another, or null. */
    public String rootCauseType() {
        return rootCauseType;
    }

    /** Raw values to be hashed, by property name (without the {@code _hash} suffix). */
    public Map<String, String> hashInputs() {
        return hashInputs;
    }

    /** Raw property values, to be redacted. */
    public Map<String, String> properties() {
        return properties;
    }

    /** For picocli commands: the executed command path, root first; else null. */
    public List<String> commandPath() {
        return commandPath;
    }

    /** For picocli commands: option names as typed; else null. */
    public List<String> options() {
        return options;
    }

    /** For picocli commands: the exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** True for a picocli command record. */
    public boolean isCommand() {
        return commandPath != null;
    }
}
