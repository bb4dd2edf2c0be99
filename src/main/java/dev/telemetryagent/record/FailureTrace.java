package dev.telemetryagent.record;

/**
 * What a failure event may say about a throwable, read on the failing thread: its type, the innermost
 * cause's type, the raw message (only when error details are on; redacted later), the error site and
 * the frames the fingerprint is made of. Only class and method names of the origin's own code source
 * are kept, never a line number, a file name or a frame of other code. Reading never throws: a
 * throwable whose {@code getCause}, {@code getStackTrace} or {@code getMessage} throws, a cause cycle
 * or a huge stack leave what could be read.
 */
public final class FailureTrace {
    /** Frames the fingerprint covers (contract, section 3). */
    static final int FINGERPRINT_FRAMES = 8;
    private static final int MAX_CAUSE_DEPTH = 32;
    private static final String[] NO_FRAMES = new String[0];
    private static final String PARAMETER_EXCEPTION = "picocli.CommandLine$ParameterException";

    private final String type;
    private final String rootType;
    private final String message;
    private final String[] frames;

    private FailureTrace(String type, String rootType, String message, String[] frames) {
        this.type = type;
        this.rootType = rootType;
        this.message = message;
        this.frames = frames;
    }

    /**
     * Reads a throwable.
     *
     * @param origin the code source whose frames may be named
     * @param keepMessage whether to keep the (raw) message
     */
    static FailureTrace of(Throwable thrown, OriginCodeSource origin, boolean keepMessage) {
        Throwable root = innermostCause(thrown);
        String message = null;
        if (keepMessage && !quotesUsage(thrown)) {
            try {
                message = thrown.getMessage();
            } catch (Throwable unreadable) {
                message = null;
            }
        }
        return new FailureTrace(thrown.getClass().getName(), root == thrown ? null : root.getClass().getName(),
                message, ownFrames(root, origin));
    }

    /**
     * An example failure for {@code preview}.
     *
     * @param frames {@code class.method} of the origin's frames, innermost first, merged
     */
    public static FailureTrace example(String type, String rootType, String message, String... frames) {
        return new FailureTrace(type, rootType, message, frames.clone());
    }

    /** The innermost cause, {@code thrown} itself when it wraps none; a cycle or a throwing getCause ends the walk. */
    static Throwable innermostCause(Throwable thrown) {
        Throwable[] seen = new Throwable[MAX_CAUSE_DEPTH];
        Throwable root = thrown;
        seen[0] = thrown;
        try {
            for (int depth = 1; depth < MAX_CAUSE_DEPTH; depth++) {
                Throwable cause = root.getCause();
                if (cause == null || contains(seen, depth, cause)) {
                    break;
                }
                root = cause;
                seen[depth] = cause;
            }
        } catch (Throwable unreadable) {
            // A getCause that throws ends the walk where it is.
        }
        return root;
    }

    /**
     * Whether a picocli usage error is the throwable or one of its causes: its message quotes what the
     * user typed, and a wrapper made with {@code new RuntimeException(cause)} repeats it. Such a failure
     * reaches here also outside a handled usage error (a parameter exception handler that rethrows, a
     * method that calls {@code parseArgs}). Matched by name, so the agent never loads picocli.
     */
    private static boolean quotesUsage(Throwable thrown) {
        try {
            Throwable t = thrown;
            for (int depth = 0; depth < MAX_CAUSE_DEPTH && t != null; depth++) {
                for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                    if (c.getName().equals(PARAMETER_EXCEPTION)) {
                        return true;
                    }
                }
                t = t.getCause();
            }
            return false;
        } catch (Throwable unreadable) {
            // A chain that cannot be read may hide one: keep no message.
            return true;
        }
    }

    /** Whether {@code target} is {@code thrown} or one of its causes; a chain that cannot be read says no. */
    static boolean inChain(Throwable thrown, Throwable target) {
        try {
            Throwable t = thrown;
            for (int depth = 0; depth < MAX_CAUSE_DEPTH && t != null; depth++) {
                if (t == target) {
                    return true;
                }
                t = t.getCause();
            }
        } catch (Throwable unreadable) {
            // A getCause that throws ends the walk where it is.
        }
        return false;
    }

    private static boolean contains(Throwable[] seen, int count, Throwable t) {
        for (int i = 0; i < count; i++) {
            if (seen[i] == t) {
                return true;
            }
        }
        return false;
    }

    /**
     * The innermost frames of the origin's code source, innermost first, consecutive repeats merged
     * (recursion), at most {@link #FINGERPRINT_FRAMES}.
     */
    private static String[] ownFrames(Throwable root, OriginCodeSource origin) {
        if (!origin.known()) {
            return NO_FRAMES;
        }
        StackTraceElement[] trace;
        try {
            trace = root.getStackTrace();
        } catch (Throwable unreadable) {
            return NO_FRAMES;
        }
        if (trace == null) {
            return NO_FRAMES;
        }
        OriginCodeSource.Lookup names = origin.lookup();
        String[] found = new String[FINGERPRINT_FRAMES];
        int count = 0;
        String lastClass = null;
        String lastMethod = null;
        for (int i = 0; i < trace.length && count < FINGERPRINT_FRAMES; i++) {
            StackTraceElement e = trace[i];
            if (e == null) {
                continue;
            }
            String className = e.getClassName();
            String method = e.getMethodName();
            if (className.equals(lastClass) && method.equals(lastMethod) || !plausibleMethodName(method)
                    || !names.contains(className)) {
                continue;
            }
            found[count++] = className + "." + method;
            lastClass = className;
            lastMethod = method;
        }
        if (count == 0) {
            return NO_FRAMES;
        }
        String[] out = new String[count];
        System.arraycopy(found, 0, out, 0, count);
        return out;
    }

    /**
     * Whether {@code method} can be the name of a compiled method. A trace set with {@code setStackTrace}
     * may name a real class of the tool's jar beside any text, a value of the user's included: such a
     * frame is never named.
     */
    static boolean plausibleMethodName(String method) {
        int n = method.length();
        if (n == 0 || n > 256) {
            return false;
        }
        if (method.equals("<init>") || method.equals("<clinit>")) {
            return true;
        }
        if (!Character.isJavaIdentifierStart(method.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (!Character.isJavaIdentifierPart(method.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The thrown class's binary name. */
    public String type() {
        return type;
    }

    /** The innermost cause's binary name when the failure wraps one, else null. */
    public String rootType() {
        return rootType;
    }

    /** The name the fingerprint starts with: the innermost cause's type, or the thrown type. */
    public String fingerprintType() {
        return rootType == null ? type : rootType;
    }

    /** The raw message (redacted when the event is built), or null. */
    public String message() {
        return message;
    }

    /** {@code binary.ClassName.method} of the innermost frame of the origin's code source, or null. */
    public String site() {
        return frames.length == 0 ? null : frames[0];
    }

    /** The fingerprint's frames, innermost first. */
    public String[] frames() {
        return frames.clone();
    }
}
