package dev.telemetryagent.bootstrap;

/**
 * What woven code calls through {@link Bridge}. Defined in the bootstrap class loader next to the
 * bridge, so the agent's recorder (in whatever loader holds the agent jar) can implement it.
 */
public interface BridgeSink {
    /**
     * A call of instrumented method {@code id} starts.
     *
     * @return a positive token for the outermost call, 0 for a nested (recursive) call of the same
     *     method, negative when the call is not tracked at all
     */
    long enter(int id);

    /** Whether the next exit would record a full event (false beyond the per-run cap). */
    boolean detailed();

    /** An outermost call ends, with everything the configured accessors may read. */
    void exit(int id, long token, Object self, Object[] args, Object returned, Throwable thrown);

    /** An outermost call ends beyond the event cap: aggregated, arguments not captured. */
    void exitCounted(int id, long token, Object self, Object returned, Throwable thrown);

    /** A nested call of the same method ends. */
    void exitNested(int id);

    /** {@code picocli.CommandLine#execute} returns or throws. */
    void exitCommand(long token, Object commandLine, int exitCode, Throwable thrown);
}
