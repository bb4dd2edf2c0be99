package dev.telemetryagent.bench;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.event.Event;
import dev.telemetryagent.event.EventContext;
import dev.telemetryagent.event.EventFactory;
import dev.telemetryagent.instrument.WeavingFixture;
import dev.telemetryagent.instrument.fixture.Adder;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.JvmInstrumentation;
import dev.telemetryagent.record.Recorder;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The failure path: what a failing instrumented call costs its thread (the recorder reads the
 * throwable's type, causes and stack trace, finds the error site and the fingerprint's frames), with a
 * fresh throwable per call whose stack trace has never been read. The throwables are made before each
 * batch (not counted), thrown from a recursion of the given depth in this class, so the walk resolves
 * this class's code source and merges the recursion. The JVM keeps at most 1,024 frames of a stack
 * trace by default; the fork raises that so the 10,000-frame case really has 10,000.
 * {@code failedEventBuilt} is the exit-time part: the event of a failure record, fingerprint included;
 * {@code stackTraceReadAlone} is the control: the JVM making the stack trace's elements, which the
 * recorder cannot avoid; {@code failedCallRecordedTraceAlreadyRead} is the agent's own share (the
 * same calls with the traces read beforehand: {@code getStackTrace} then only copies the array).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:MaxJavaStackTraceDepth=20000")
public class FailureBenchmark {
    private static final int BATCH = 50;

    /** A recorder and a batch of fresh throwables of a given depth. */
    @State(Scope.Thread)
    public static class Failures {
        @Param({"100", "10000"})
        public int frames;

        Recorder recorder;
        Throwable[] batch;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            AgentConfig config = new ConfigReader("/tmp").read("bench.toml", "[app]\nname = \"bench\"\n"
                    + "[[instrument]]\nclass = \"" + Adder.class.getName() + "\"\nmethods = [\"applyAsInt\"]\n");
            recorder = new Recorder(WeavingFixture.sites(config), Integer.MAX_VALUE, true, JvmInstrumentation.get());
        }

        /** Fresh throwables for the next batch; made on a thread with a stack deep enough. */
        @Setup(Level.Invocation)
        public void freshThrowables() throws InterruptedException {
            recorder.drainRecords();
            final Throwable[] made = new Throwable[BATCH];
            final int depth = frames;
            Thread maker = new Thread(null, new Runnable() {
                @Override
                public void run() {
                    for (int i = 0; i < made.length; i++) {
                        made[i] = thrownAt(depth);
                    }
                }
            }, "throwables", 512L << 20);
            maker.start();
            maker.join();
            batch = made;
        }
    }

    /** Control: the same batches with their stack traces read before (not counted): the agent's own share. */
    @State(Scope.Thread)
    public static class ReadFailures {
        @Param({"100", "10000"})
        public int frames;

        final Failures failures = new Failures();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            failures.frames = frames;
            failures.setUp();
        }

        @Setup(Level.Invocation)
        public void freshThrowablesAlreadyRead() throws InterruptedException {
            failures.freshThrowables();
            for (Throwable t : failures.batch) {
                t.getCause().getStackTrace();
            }
        }
    }

    /** A throwable whose stack trace holds {@code depth} frames of this method (and a few of the thread's). */
    static Throwable thrownAt(int depth) {
        if (depth <= 1) {
            return new IllegalStateException("cannot open /home/alice/x.csv", new java.io.IOException("disk full"));
        }
        return thrownAt(depth - 1);
    }

    /** A failure record's event, built as at the exit (fingerprint, redaction). */
    @State(Scope.Thread)
    public static class FailedRecord {
        EventFactory factory;
        CallRecord record;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Failures f = new Failures();
            f.frames = 100;
            f.setUp();
            f.freshThrowables();
            long token = f.recorder.enter(1);
            f.recorder.exit(1, token, null, null, null, f.batch[0]);
            record = f.recorder.drainRecords().get(0);
            factory = new EventFactory(EventContext.build(false, Collections.<String>emptyList(), "bench", "1.0",
                    "0.1.0", "39c3b69c858836c36b9b7c6e046eb391", null), "570816b273a41d16caacc26a797204d9", null,
                    null, true);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<CallRecord> failedCallRecorded(Failures f) {
        Recorder r = f.recorder;
        for (Throwable t : f.batch) {
            long token = r.enter(1);
            r.exit(1, token, null, null, null, t);
        }
        return r.drainRecords();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<CallRecord> failedCallRecordedTraceAlreadyRead(ReadFailures f) {
        return failedCallRecorded(f.failures);
    }

    /** Control: what reading the root cause's stack trace alone costs (the JVM makes every element). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int stackTraceReadAlone(Failures f) {
        int n = 0;
        for (Throwable t : f.batch) {
            n += t.getCause().getStackTrace().length;
        }
        return n;
    }

    @Benchmark
    public Event failedEventBuilt(FailedRecord s) {
        return s.factory.event(s.record);
    }
}
