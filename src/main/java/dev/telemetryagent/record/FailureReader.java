package dev.telemetryagent.record;

import java.lang.instrument.Instrumentation;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads failures on the failing thread into {@link FailureTrace}s, against the code source of the
 * failing instrumented class or command. Created on the first failure: a run without one never loads
 * it. Each origin's code source, with its answers per class name, is kept as long as the origin class.
 */
final class FailureReader {
    /**
     * Each origin's code source, kept with its class rather than in a map of the agent's: a plugin's
     * class loader that the host drops is not held alive by the agent.
     */
    private final ClassValue<OriginCodeSource> origins;

    private final boolean keepMessages;
    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /**
     * @param keepMessages whether exception messages are kept (redacted later)
     * @param inst where the classes named in a trace are found among those loaded already
     */
    FailureReader(boolean keepMessages, Instrumentation inst) {
        this.keepMessages = keepMessages;
        this.origins = new OriginsByClass(inst);
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
        return owner == null ? OriginCodeSource.of(null, null) : origins.get(owner);
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
    private static final class OriginsByClass extends ClassValue<OriginCodeSource> {
        private final Instrumentation inst;

        OriginsByClass(Instrumentation inst) {
            this.inst = inst;
        }

        @Override
        protected OriginCodeSource computeValue(Class<?> type) {
            return OriginCodeSource.of(type, inst);
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
