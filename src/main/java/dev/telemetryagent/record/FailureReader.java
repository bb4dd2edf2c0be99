package dev.telemetryagent.record;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads failures on the failing thread into {@link FailureTrace}s, against the code source of the
 * failing instrumented class or command. Created on the first failure: a run without one never loads
 * it. Each origin's code source, with its answers per class name, is kept for the run.
 */
final class FailureReader {
    /** Beyond this many origins, a code source is computed per failure and not kept. */
    private static final int MAX_ORIGINS = 256;

    private final boolean keepMessages;
    private final ConcurrentHashMap<Class<?>, OriginCodeSource> origins = new ConcurrentHashMap<>();
    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    FailureReader(boolean keepMessages) {
        this.keepMessages = keepMessages;
    }

    /**
     * A failure of the code of {@code origin}; null {@code origin} stands for the code that called into
     * the agent (the instrumented method, or the caller of picocli's {@code execute}).
     *
     * @param userText whether the message may be kept at all: a usage error's message quotes what the
     *     user typed (unknown options, values), so it never is
     */
    FailureTrace read(Throwable thrown, Class<?> origin, boolean userText) {
        Class<?> owner = origin;
        if (owner == null || owner.getName().startsWith("picocli.")) {
            owner = callerOutsideAgent();
        }
        return FailureTrace.of(thrown, codeSourceOf(owner), keepMessages && !userText);
    }

    private OriginCodeSource codeSourceOf(Class<?> owner) {
        if (owner == null) {
            return OriginCodeSource.of(null);
        }
        OriginCodeSource known = origins.get(owner);
        if (known != null) {
            return known;
        }
        OriginCodeSource made = OriginCodeSource.of(owner);
        if (origins.size() < MAX_ORIGINS) {
            OriginCodeSource raced = origins.putIfAbsent(owner, made);
            return raced == null ? made : raced;
        }
        return made;
    }

    /** The first class on this thread's stack that is neither the agent's recording path nor picocli. */
    private Class<?> callerOutsideAgent() {
        try {
            return walker.walk(FirstForeignFrame.INSTANCE);
        } catch (Throwable unreadable) {
            return null;
        }
    }

    /** Not a lambda: the agent's classes contain no invokedynamic. */
    private static final class FirstForeignFrame implements Function<Stream<StackWalker.StackFrame>, Class<?>> {
        static final FirstForeignFrame INSTANCE = new FirstForeignFrame();

        @Override
        public Class<?> apply(Stream<StackWalker.StackFrame> frames) {
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            while (it.hasNext()) {
                Class<?> c = it.next().getDeclaringClass();
                if (!isRecordingPath(c.getName())) {
                    return c;
                }
            }
            return null;
        }

        private static boolean isRecordingPath(String name) {
            return name.startsWith("picocli.")
                    || name.equals("dev.telemetryagent.record.Recorder")
                    || name.equals("dev.telemetryagent.record.FailureReader")
                    || name.startsWith("dev.telemetryagent.record.FailureReader$")
                    || name.equals("dev.telemetryagent.bootstrap.Bridge")
                    || name.equals("dev.telemetryagent.bootstrap.ForeignSink");
        }
    }
}
