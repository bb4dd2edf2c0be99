package dev.telemetryagent.record;

import java.util.Collections;
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
    private final FailureTrace failure;
    private final boolean usageError;
    private final Map<String, String> hashInputs;
    private final Map<String, String> properties;
    private final List<String> commandPath;
    private final List<String> options;
    private final int exitCode;

    CallRecord(MethodSite site, long timestampMillis, long elapsedNanos, boolean success, FailureTrace failure,
            boolean usageError, Map<String, String> hashInputs, Map<String, String> properties,
            List<String> commandPath, List<String> options, int exitCode) {
        this.site = site;
        this.timestampMillis = timestampMillis;
        this.elapsedNanos = elapsedNanos;
        this.success = success;
        this.failure = failure;
        this.usageError = usageError;
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
        return new CallRecord(site, timestampMillis, elapsedNanos, true, null, false, hashInputs, properties,
                commandPath, options, 0);
    }

    /**
     * A failed call built from given values, for {@code preview}.
     *
     * @param commandPath for a picocli command, its path root first; null for a method call
     * @param usageError whether the failure is a picocli usage error
     */
    public static CallRecord failedExample(MethodSite site, long timestampMillis, long elapsedNanos,
            List<String> commandPath, List<String> options, int exitCode, FailureTrace failure, boolean usageError) {
        return new CallRecord(site, timestampMillis, elapsedNanos, false, failure, usageError,
                Collections.<String, String>emptyMap(), Collections.<String, String>emptyMap(),
                commandPath, options, exitCode);
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

    /** What was read of the failure (type, root type, message, site frames), or null. */
    public FailureTrace failure() {
        return failure;
    }

    /** Whether the failure is a picocli usage error (a {@code ParameterException}). */
    public boolean usageError() {
        return usageError;
    }

    /** Class name of the thrown exception, or null. */
    public String errorType() {
        return failure == null ? null : failure.type();
    }

    /** The thrown exception's raw message (not yet redacted), or null. */
    public String errorMessage() {
        return failure == null ? null : failure.message();
    }

    /** Class name of the root cause when the failure wraps another, or null. */
    public String rootCauseType() {
        return failure == null ? null : failure.rootType();
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
