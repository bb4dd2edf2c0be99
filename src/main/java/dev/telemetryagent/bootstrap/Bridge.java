package dev.telemetryagent.bootstrap;

import java.util.List;

/**
 * The one path from woven application code into the agent. Classes of loaders that delegate to the
 * application class loader find this class in the agent jar, which the JVM appends to the application
 * class path; the rest of the agent lives in its own loader and is reached through the sink installed
 * here. For a class whose loader cannot see the agent (one whose parent is the platform or bootstrap
 * loader), the agent first defines a copy of this class and of {@link BridgeSink} in the bootstrap class
 * loader, never by appending the agent to the bootstrap class path (which would cost the host its class
 * data sharing).
 *
 * <p>Every method is a no-op until a sink is installed, and stays tiny: the JIT inlines it into the
 * woven method.
 */
public final class Bridge {
    /** Application argument that turns telemetry off for good; removed before {@code main} sees it. */
    public static final String DISABLE_FLAG = "--disable-telemetry";

    private static volatile BridgeSink sink;

    private Bridge() {
    }

    /** Connects woven code to the agent's recorder. */
    public static void install(BridgeSink newSink) {
        sink = newSink;
    }

    /** See {@link BridgeSink#enter}; negative when no sink is installed. */
    public static long enter(int id) {
        BridgeSink s = sink;
        return s == null ? -1L : s.enter(id);
    }

    /** See {@link BridgeSink#detailed}. */
    public static boolean detailed() {
        BridgeSink s = sink;
        return s != null && s.detailed();
    }

    /** See {@link BridgeSink#exit}. */
    public static void exit(int id, long token, Object self, Object[] args, Object returned, Throwable thrown) {
        BridgeSink s = sink;
        if (s != null) {
            s.exit(id, token, self, args, returned, thrown);
        }
    }

    /** See {@link BridgeSink#exitCounted}. */
    public static void exitCounted(int id, long token, Object self, Object returned, Throwable thrown) {
        BridgeSink s = sink;
        if (s != null) {
            s.exitCounted(id, token, self, returned, thrown);
        }
    }

    /** See {@link BridgeSink#exitNested}. */
    public static void exitNested(int id) {
        BridgeSink s = sink;
        if (s != null) {
            s.exitNested(id);
        }
    }

    /** See {@link BridgeSink#exitCommand}. */
    public static void exitCommand(long token, List<String> path, List<String[]> optionNames,
            List<String> typedArgs, int exitCode, Throwable thrown) {
        BridgeSink s = sink;
        if (s != null) {
            s.exitCommand(token, path, optionNames, typedArgs, exitCode, thrown);
        }
    }

    /** See {@link BridgeSink#commandFailed}. */
    public static void commandFailed(Throwable failure, Class<?> origin, List<String> usagePath,
            List<String[]> usageOptions, List<String> typedArgs) {
        BridgeSink s = sink;
        if (s != null) {
            s.commandFailed(failure, origin, usagePath, usageOptions, typedArgs);
        }
    }

    /**
     * The application's arguments without {@link #DISABLE_FLAG} before the first {@code --} (after it,
     * every argument is the application's data); the same array when there is nothing to remove.
     */
    public static String[] withoutDisableFlag(String[] args) {
        if (args == null) {
            return null;
        }
        int options = args.length;
        int count = 0;
        for (int i = 0; i < args.length; i++) {
            if ("--".equals(args[i])) {
                options = i;
                break;
            }
            if (DISABLE_FLAG.equals(args[i])) {
                count++;
            }
        }
        if (count == 0) {
            return args;
        }
        String[] out = new String[args.length - count];
        int n = 0;
        for (int i = 0; i < args.length; i++) {
            if (i >= options || !DISABLE_FLAG.equals(args[i])) {
                out[n++] = args[i];
            }
        }
        return out;
    }
}
