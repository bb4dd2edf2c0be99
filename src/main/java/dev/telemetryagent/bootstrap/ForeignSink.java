package dev.telemetryagent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The sink of the bridge's bootstrap copy: it forwards every call to the agent's recorder through
 * method handles. The bootstrap copy exists only for woven classes whose class loader cannot see the
 * agent (a loader whose parent is the platform or bootstrap loader); it cannot name the recorder's
 * class, nor the {@link BridgeSink} the recorder implements (the one in the application class loader), so
 * it reaches them through handles the agent bound to its recorder. Calls stay allocation-free.
 */
public final class ForeignSink implements BridgeSink {
    private final MethodHandle enter;
    private final MethodHandle detailed;
    private final MethodHandle exit;
    private final MethodHandle exitCounted;
    private final MethodHandle exitNested;
    private final MethodHandle exitCommand;
    private final MethodHandle commandFailed;

    /**
     * @param handles the recorder's {@code enter}, {@code detailed}, {@code exit}, {@code exitCounted},
     *     {@code exitNested}, {@code exitCommand} and {@code commandFailed}, bound to it, typed exactly as in {@link BridgeSink}
     */
    public ForeignSink(MethodHandle[] handles) {
        this.enter = handles[0];
        this.detailed = handles[1];
        this.exit = handles[2];
        this.exitCounted = handles[3];
        this.exitNested = handles[4];
        this.exitCommand = handles[5];
        this.commandFailed = handles[6];
    }

    @Override
    public long enter(int id) {
        try {
            return (long) enter.invokeExact(id);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public boolean detailed() {
        try {
            return (boolean) detailed.invokeExact();
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public void exit(int id, long token, Object self, Object[] args, Object returned, Throwable thrown) {
        try {
            exit.invokeExact(id, token, self, args, returned, thrown);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public void exitCounted(int id, long token, Object self, Object returned, Throwable thrown) {
        try {
            exitCounted.invokeExact(id, token, self, returned, thrown);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public void exitNested(int id) {
        try {
            exitNested.invokeExact(id);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public void exitCommand(long token, List<String> path, List<String[]> optionNames, List<String> typedArgs,
            int exitCode, Throwable thrown) {
        try {
            exitCommand.invokeExact(token, path, optionNames, typedArgs, exitCode, thrown);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public void commandFailed(Throwable failure, Class<?> origin, List<String> usagePath,
            List<String[]> usageOptions, List<String> typedArgs) {
        try {
            commandFailed.invokeExact(failure, origin, usagePath, usageOptions, typedArgs);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** The recorder never throws checked exceptions; whatever it throws, the advice suppresses. */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
