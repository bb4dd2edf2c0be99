package dev.telemetryagent.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The error site and fingerprint frames (contract, section 3): only frames of the failing class's code
 * source (here target/test-classes; the agent's target/classes and JUnit's jar are other code), of the
 * innermost cause, innermost first, recursion merged, at most eight; and never a throw of its own.
 */
class FailureTraceTest {
    private static final String OWN = FailureTraceTest.class.getName();
    private static final String NESTED = Nested.class.getName();
    /** In target/classes: another code source than the test classes. */
    private static final String AGENT = Recorder.class.getName();
    /** In JUnit's jar. */
    private static final String JUNIT = Test.class.getName();

    /** A nested class of the test's own code source. */
    static final class Nested {
    }

    private static StackTraceElement frame(String className, String method, int line) {
        return new StackTraceElement(className, method, "F.java", line);
    }

    private static <T extends Throwable> T withTrace(T t, StackTraceElement... frames) {
        t.setStackTrace(frames);
        return t;
    }

    private static FailureTrace read(Throwable t) {
        return FailureTrace.of(t, OriginCodeSource.of(FailureTraceTest.class, JvmInstrumentation.get()), true);
    }

    @Test
    void theSiteIsTheInnermostOwnFrameOfTheInnermostCause() {
        IOException root = withTrace(new IOException("disk /home/a full"),
                frame("java.io.FileInputStream", "open0", 1), frame(JUNIT, "helper", 2),
                frame(NESTED, "open", 3), frame(OWN, "load", 4), frame("java.lang.Thread", "run", 5));
        UncheckedIOException wrapper = withTrace(new UncheckedIOException(root), frame(OWN, "wrap", 9));
        FailureTrace t = read(wrapper);
        assertEquals("java.io.UncheckedIOException", t.type());
        assertEquals("java.io.IOException", t.rootType());
        assertEquals("java.io.IOException", t.fingerprintType());
        assertEquals(NESTED + ".open", t.site(), "nested classes with $, no line number");
        assertArrayEquals(new String[] {NESTED + ".open", OWN + ".load"}, t.frames());
    }

    /** Never loaded: only its name is written in a trace. */
    static final class NeverLoaded {
    }

    @Test
    void aNameInATraceNeverLoadsAClassNorCallsTheApplicationsLoader() throws Exception {
        String neverLoaded = FailureTraceTest.class.getName() + "$NeverLoaded";
        java.net.URL own = FailureTraceTest.class.getProtectionDomain().getCodeSource().getLocation();
        List<String> asked = new ArrayList<>();
        try (java.net.URLClassLoader plugin = new java.net.URLClassLoader(new java.net.URL[] {own},
                FailureTraceTest.class.getClassLoader().getParent()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> origin = Class.forName(NESTED, false, plugin);
            asked.clear();
            IOException e = withTrace(new IOException("x"), frame(neverLoaded, "run", 1),
                    frame("com.example.MadeUp", "run", 2), frame(NESTED, "open", 3));
            FailureTrace t = FailureTrace.of(e, OriginCodeSource.of(origin, JvmInstrumentation.get()), true);
            assertEquals(NESTED + ".open", t.site(), "a class the plugin's loader has loaded is found");
            assertArrayEquals(new String[] {NESTED + ".open"}, t.frames());
            assertEquals(List.of(), asked, "the application's class loader is never called");
            for (Class<?> c : JvmInstrumentation.get().getInitiatedClasses(plugin)) {
                assertNotEquals(neverLoaded, c.getName(), "a name in a trace never loads a class");
            }
        }
    }

    @Test
    void aFrameWhoseMethodNameIsNoMethodNameIsNeverNamed() {
        IOException e = withTrace(new IOException("x"), frame(OWN, "alice@example.com /home/alice", 1),
                frame(OWN, "", 2), frame(OWN, "x".repeat(300), 3), frame(OWN, "lambda$load$0", 4));
        FailureTrace t = read(e);
        assertEquals(OWN + ".lambda$load$0", t.site());
        assertArrayEquals(new String[] {OWN + ".lambda$load$0"}, t.frames());
        assertEquals(OWN + ".<init>", read(withTrace(new IOException("y"), frame(OWN, "<init>", 1))).site());
    }

    @Test
    void framesOfOtherCodeSourcesAreNeverNamed() {
        IOException e = withTrace(new IOException("x"), frame(AGENT, "exit", 1), frame(JUNIT, "run", 2),
                frame("no.such.Clazz", "gone", 3), frame("java.lang.Thread", "run", 4));
        FailureTrace t = read(e);
        assertNull(t.site());
        assertEquals(0, t.frames().length);
        assertNull(t.rootType());
        assertEquals("java.io.IOException", t.fingerprintType());
    }

    @Test
    void anOriginWithoutACodeSourceNamesNothing() {
        IOException e = withTrace(new IOException("x"), frame(OWN, "run", 1));
        FailureTrace t = FailureTrace.of(e, OriginCodeSource.of(String.class, JvmInstrumentation.get()), true);
        assertNull(t.site());
        FailureTrace none = FailureTrace.of(e, OriginCodeSource.of(null, null), true);
        assertNull(none.site());
    }

    @Test
    void recursionIsMergedWhateverItsDepthAndInterleavedForeignFramesDoNotSplitIt() {
        assertArrayEquals(read(recursive(3)).frames(), read(recursive(500)).frames());
        assertArrayEquals(new String[] {OWN + ".walk", OWN + ".main"}, read(recursive(500)).frames());
    }

    private static IllegalStateException recursive(int depth) {
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            frames.add(frame(OWN, "walk", 10 + i % 3));
            frames.add(frame("jdk.internal.reflect.Invoker", "invoke", 1));
        }
        frames.add(frame(OWN, "main", 99));
        return withTrace(new IllegalStateException(), frames.toArray(new StackTraceElement[0]));
    }

    @Test
    void atMostEightFramesAreKept() {
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            frames.add(frame(OWN, "step" + i, i));
        }
        FailureTrace t = read(withTrace(new IllegalStateException(), frames.toArray(new StackTraceElement[0])));
        assertEquals(8, t.frames().length);
        assertEquals(OWN + ".step0", t.frames()[0]);
        assertEquals(OWN + ".step7", t.frames()[7]);
    }

    @Test
    void aRealThrowableOfThisClassIsItsOwnSite() {
        FailureTrace t = read(thrownHere());
        assertEquals(OWN + ".thrownHere", t.site());
        assertEquals("java.lang.ArithmeticException", t.type());
    }

    private static ArithmeticException thrownHere() {
        try {
            return (ArithmeticException) Class.forName("java.lang.ArithmeticException").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aThrowableWhoseAccessorsThrowStillGivesItsType() {
        RuntimeException hostile = new RuntimeException() {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("no cause for you");
            }

            @Override
            public StackTraceElement[] getStackTrace() {
                throw new IllegalStateException("no trace for you");
            }

            @Override
            public String getMessage() {
                throw new IllegalStateException("no message for you");
            }
        };
        FailureTrace t = read(hostile);
        assertEquals(hostile.getClass().getName(), t.type());
        assertNull(t.rootType());
        assertNull(t.message());
        assertNull(t.site());
    }

    @Test
    void aCauseCycleEndsTheWalk() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b");
        RuntimeException cyclic = new RuntimeException("c") {
            @Override
            public synchronized Throwable getCause() {
                return a;
            }
        };
        a.initCause(b);
        b.initCause(cyclic);
        FailureTrace t = read(cyclic);
        assertEquals("java.lang.IllegalArgumentException", t.rootType(), "the last cause before the cycle");
    }

    @Test
    void aNullTraceNullFramesAndANullMessageAreTolerated() {
        RuntimeException nulls = new RuntimeException((String) null) {
            @Override
            public StackTraceElement[] getStackTrace() {
                return new StackTraceElement[] {null, frame(OWN, "after", 1)};
            }
        };
        FailureTrace t = read(nulls);
        assertNull(t.message());
        assertEquals(OWN + ".after", t.site());
        RuntimeException noTrace = new RuntimeException("m") {
            @Override
            public StackTraceElement[] getStackTrace() {
                return null;
            }
        };
        assertNull(read(noTrace).site());
    }

    @Test
    void tenThousandFramesAreReadToTheFirstEightOwnOnes() {
        StackTraceElement[] frames = new StackTraceElement[10_000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(i < 9_990 ? JUNIT : OWN, "m" + i, i);
        }
        FailureTrace t = read(withTrace(new StackOverflowError(), frames));
        assertEquals(OWN + ".m9990", t.site());
        assertEquals(8, t.frames().length);
    }

    @Test
    void theMessageIsKeptOnlyWhenAsked() {
        IOException e = new IOException("secret");
        assertEquals("secret", read(e).message());
        assertNull(FailureTrace.of(e, OriginCodeSource.of(FailureTraceTest.class, JvmInstrumentation.get()), false).message());
    }

    @Test
    void aUsageErrorsMessageIsNeverKeptEvenWrapped() {
        CommandLine cl = new CommandLine(new Tool());
        CommandLine.ParameterException usage = new CommandLine.UnmatchedArgumentException(cl,
                "Unknown option: '--customer=AcmeCorp'");
        assertNull(read(usage).message(), "a rethrowing parameter exception handler");
        assertNull(read(new RuntimeException(usage)).message(), "the wrapper's message is the cause's");
        assertEquals("picocli.CommandLine$UnmatchedArgumentException", read(usage).type());
    }

    @CommandLine.Command(name = "tool")
    static final class Tool {
    }
}
