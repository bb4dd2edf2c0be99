package dev.telemetryagent.bootstrap;

import java.util.List;

/**
 * What woven code calls through {@link Bridge}. The agent's recorder implements it; when the bridge
 * also has a copy in the bootstrap class loader, so does this interface, and a forwarding sink there
 * reaches the recorder.
 */
public interface BridgeSink {
    /**
     * A call of instrumented method {@code id} starts.
     *
     * @return a positive token for the outermost call ({@link #UNTIMED} for one beyond the event cap that
     *     is counted but not timed, whose exit goes to {@link #exitCounted} without asking {@link #detailed}),
     *     0 for a nested (recursive) call of the same method, negative when the call is not tracked at all
     */
    long enter(int id);

    /** The token of an outermost call beyond the event cap that is counted but not timed. */
    long UNTIMED = 1L;

    /** Whether the next exit would record a full event (false beyond the per-run cap). */
    boolean detailed();

    /** An outermost call ends, with everything the configured accessors may read. */
    void exit(int id, long token, Object self, Object[] args, Object returned, Throwable thrown);

    /** An outermost call ends beyond the event cap: aggregated, arguments not captured. */
    void exitCounted(int id, long token, Object self, Object returned, Throwable thrown);

    /** A nested call of the same method ends. */
    void exitNested(int id);

    /**
     * {@code picocli.CommandLine#execute} returns or throws. The names are null beyond the per-run cap
     * (then nothing was read).
     *
     * @param path the executed command's name and its subcommands' names, outermost first, as declared
     * @param optionNames every matched option's declared names
     * @param typedArgs the arguments as typed, to tell which of an option's names the user used
     */
    void exitCommand(long token, List<String> path, List<String[]> optionNames, List<String> typedArgs,
            int exitCode, Throwable thrown);

    /**
     * picocli handled a failure inside {@code CommandLine#execute} (a usage error, or an exception of
     * the command's code that a handler turned into an exit code); the command's exit takes it. Called
     * from advice on picocli's own methods, only on failure.
     *
     * @param failure the exception as picocli gives it to its handler
     * @param origin the class of the command's code (its user object, or the method's class), or null
     * @param usagePath for a usage error: the names of the commands the parser reached, outermost first;
     *     null for any other failure
     * @param usageOptions for a usage error: every option matched before it, by its declared names
     * @param typedArgs for a usage error: the arguments as typed
     */
    void commandFailed(Throwable failure, Class<?> origin, List<String> usagePath, List<String[]> usageOptions,
            List<String> typedArgs);
}
