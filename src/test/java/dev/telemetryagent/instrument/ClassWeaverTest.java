package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.bootstrap.BridgeSink;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.instrument.fixture.Worker;
import dev.telemetryagent.instrument.weave.ClassWeaver;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.JvmInstrumentation;
import dev.telemetryagent.record.Recorder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Weaves the fixture with the real advice and checks what the bridge sees and that behaviour is unchanged. */
class ClassWeaverTest {
    private static final String WORKER = Worker.class.getName();

    /** Records every bridge call as text. */
    static class RecordingSink implements BridgeSink {
        final List<String> calls = new ArrayList<>();
        boolean detailed = true;
        int detailedAsked;
        /** Tokens of timed calls: 1 is {@link BridgeSink#UNTIMED}'s. */
        private long next = 2;
        /** When positive, the token every call gets. */
        long token;

        @Override
        public long enter(int id) {
            calls.add("enter " + id);
            return token > 0L ? token : next++;
        }

        @Override
        public boolean detailed() {
            detailedAsked++;
            return detailed;
        }

        @Override
        public void exit(int id, long token, Object self, Object[] args, Object returned, Throwable thrown) {
            calls.add("exit " + id + " args=" + Arrays.toString(args) + " ret=" + returned + " thrown="
                    + (thrown == null ? null : thrown.getMessage()) + " self=" + (self != null));
        }

        @Override
        public void exitCounted(int id, long token, Object self, Object returned, Throwable thrown) {
            calls.add("counted " + id + " ret=" + returned);
        }

        @Override
        public void exitNested(int id) {
            calls.add("nested " + id);
        }

        @Override
        public void exitCommand(long token, List<String> path, List<String[]> optionNames, List<String> typedArgs,
                int exitCode, Throwable thrown) {
            List<String> options = new ArrayList<>();
            if (optionNames != null) {
                for (String[] names : optionNames) {
                    options.add(String.join("|", names));
                }
            }
            calls.add("command " + exitCode + " path=" + path + " options=" + options + " typed=" + typedArgs);
        }

        @Override
        public void commandFailed(Throwable failure, Class<?> origin, List<String> usagePath,
                List<String[]> usageOptions, List<String> typedArgs) {
            calls.add("failed " + failure.getClass().getSimpleName() + " origin="
                    + (origin == null ? null : origin.getSimpleName()) + " usage=" + usagePath);
        }
    }

    private final RecordingSink sink = new RecordingSink();
    private Class<?> woven;
    private WeavePlan plan;

    @BeforeEach
    void weave() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n[[instrument]]\nclass = \""
                + WORKER + "\"\nmethods = [\"add\", \"fail\", \"factorial\", \"outer\", \"inner\", \"twice\"]\n"
                + "properties = { first = \"arg0\" }\n");
        plan = WeavePlan.of(config, null);
        String internal = WORKER.replace('.', '/');
        byte[] original = ClassHeaderTest.bytesOf(Worker.class);
        byte[] bytes = new ClassWeaver().weave(getClass().getClassLoader(), internal, original, plan.exact(internal),
                false);
        assertNotNull(bytes);
        woven = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(WORKER, bytes, 0, bytes.length);
            }
        }.define();
        Bridge.install(sink);
    }

    @AfterEach
    void uninstall() {
        Bridge.install(null);
    }

    private Object call(String method, Object target, Object... args) throws Throwable {
        for (Method m : woven.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError(method);
    }

    private Object newWorker() throws Exception {
        return woven.getConstructor(String.class).newInstance("w");
    }

    @Test
    void returnValueAndArgumentsPassThroughAndAreSeen() throws Throwable {
        Object w = newWorker();
        assertEquals(5, call("add", w, 2, 3));
        assertEquals(List.of("enter 1", "exit 1 args=[2, 3] ret=5 thrown=null self=true"), sink.calls);
        assertEquals(1, call("calls", w));
    }

    @Test
    void theSameExceptionObjectIsThrown() throws Exception {
        Object w = newWorker();
        Throwable t = assertThrows(Throwable.class, () -> call("fail", w, "x"));
        assertSame(woven.getField("FAILURE").get(null), t);
        assertEquals("exit 2 args=[x] ret=null thrown=boom self=true", sink.calls.get(1));
    }

    @Test
    void recursionWithTheRealRecorderYieldsOneRecordOfTheOutermostCall() throws Throwable {
        Recorder recorder = new Recorder(plan.sites(), 1000, true, JvmInstrumentation.get());
        Bridge.install(recorder);
        assertEquals(24L, call("factorial", newWorker(), 4));
        List<CallRecord> records = recorder.drainRecords();
        assertEquals(1, records.size());
        assertEquals("factorial", records.get(0).site().method());
        assertEquals(42, call("outer", newWorker()));
        List<CallRecord> nested = recorder.drainRecords();
        assertEquals(List.of("inner", "outer"), List.of(nested.get(0).site().method(), nested.get(1).site().method()));
    }

    @Test
    void distinctNestedMethodsEachExit() throws Throwable {
        assertEquals(42, call("outer", newWorker()));
        assertEquals("enter 4", sink.calls.get(0));
        assertEquals("enter 5", sink.calls.get(1));
        assertEquals("exit 5 args=[] ret=41 thrown=null self=true", sink.calls.get(2));
        assertEquals("exit 4 args=[] ret=42 thrown=null self=true", sink.calls.get(3));
    }

    @Test
    void staticMethodsHaveNoThis() throws Throwable {
        assertEquals("abab", call("twice", null, "ab"));
        assertEquals("exit 6 args=[ab] ret=abab thrown=null self=false", sink.calls.get(1));
    }

    @Test
    void beyondTheCapOnlyTheCountedPathRunsAndBoxesNothing() throws Throwable {
        sink.detailed = false;
        assertEquals(5, call("add", newWorker(), 2, 3));
        assertEquals(List.of("enter 1", "counted 1 ret=null"), sink.calls, "no success rule: no return value");
    }

    @Test
    void anUntimedCallBeyondTheCapIsCountedWithoutAskingWhetherItIsDetailed() throws Throwable {
        sink.token = BridgeSink.UNTIMED;
        assertEquals(5, call("add", newWorker(), 2, 3));
        assertEquals(List.of("enter 1", "counted 1 ret=null"), sink.calls);
        assertEquals(0, sink.detailedAsked);
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n[[instrument]]\nclass = \""
                + WORKER + "\"\nmethods = [\"add\"]\nsuccess = { value = \"return\", in = [\"5\"] }\n");
        Class<?> ruled = WeavingFixture.weave(config, Worker.class);
        Object w = ruled.getConstructor(String.class).newInstance("w");
        assertEquals(5, ruled.getMethod("add", int.class, int.class).invoke(w, 2, 3));
        assertEquals(List.of("enter 1", "counted 1 ret=null", "enter 1", "counted 1 ret=5"), sink.calls,
                "a success rule still gets the return value");
        assertEquals(0, sink.detailedAsked);
    }

    @Test
    void anEntryThatReadsNoValuesPassesNeitherObjectNorArgumentsNorReturnValue() throws Throwable {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n[[instrument]]\nclass = \""
                + WORKER + "\"\nmethods = [\"add\", \"fail\"]\n");
        Class<?> plain = WeavingFixture.weave(config, Worker.class);
        Object w = plain.getConstructor(String.class).newInstance("w");
        assertEquals(5, plain.getMethod("add", int.class, int.class).invoke(w, 2, 3));
        InvocationTargetException failed = assertThrows(InvocationTargetException.class,
                () -> plain.getMethod("fail", String.class).invoke(w, "x"));
        assertSame(plain.getField("FAILURE").get(null), failed.getCause());
        assertEquals(List.of("enter 1", "exit 1 args=null ret=null thrown=null self=false",
                "enter 2", "exit 2 args=null ret=null thrown=boom self=false"), sink.calls);
    }

    @Test
    void beyondTheCapAnEntryWithASuccessRuleStillPassesTheReturnValue() throws Throwable {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n[[instrument]]\nclass = \""
                + WORKER + "\"\nmethods = [\"add\"]\nsuccess = { value = \"return\", in = [\"5\"] }\n");
        Class<?> ruled = WeavingFixture.weave(config, Worker.class);
        sink.detailed = false;
        Object w = ruled.getConstructor(String.class).newInstance("w");
        assertEquals(5, ruled.getMethod("add", int.class, int.class).invoke(w, 2, 3));
        assertEquals(List.of("enter 1", "counted 1 ret=5"), sink.calls);
    }

    @Test
    void aSinkThatThrowsNeverReachesTheApplication() throws Throwable {
        Bridge.install(new RecordingSink() {
            @Override
            public long enter(int id) {
                throw new IllegalStateException("agent bug");
            }
        });
        assertEquals(5, call("add", newWorker(), 2, 3));
        Bridge.install(new RecordingSink() {
            @Override
            public void exit(int id, long token, Object self, Object[] args, Object returned, Throwable thrown) {
                throw new IllegalStateException("agent bug");
            }
        });
        assertEquals(5, call("add", newWorker(), 2, 3));
        assertSame(woven.getField("FAILURE").get(null),
                assertThrows(Throwable.class, () -> call("fail", newWorker(), "x")));
    }

    @Test
    void withoutASinkNothingIsCalled() throws Throwable {
        Bridge.install(null);
        assertEquals(5, call("add", newWorker(), 2, 3));
        assertEquals(List.of(), sink.calls);
    }

    @Test
    void aClassWithoutMatchingMethodsIsLeftAlone() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n[[instrument]]\nclass = \""
                + WORKER + "\"\nmethods = [\"missing\"]\n");
        WeavePlan plan = WeavePlan.of(config, null);
        String internal = WORKER.replace('.', '/');
        assertNull(new ClassWeaver().weave(getClass().getClassLoader(), internal,
                ClassHeaderTest.bytesOf(Worker.class), plan.exact(internal), false));
    }
}
