package dev.telemetryagent.bench;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.instrument.fixture.Adder;
import dev.telemetryagent.instrument.WeavingFixture;
import dev.telemetryagent.record.JvmInstrumentation;
import dev.telemetryagent.record.Recorder;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the advice adds to an instrumented call: a plain call, a woven call beyond the per-run cap
 * (the steady state of a method called millions of times; must allocate nothing, see -prof gc), and a
 * woven call that records a full event (measured per call over batches of 1,000 that are drained), for
 * an entry that reads no values from the call and for one that reads a property.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdviceBenchmark {
    /** The plain and the woven copy of the same class, with a recorder of the given cap behind the bridge. */
    abstract static class Calls {
        IntBinaryOperator plain;
        IntBinaryOperator woven;
        Recorder recorder;
        int a = 1;
        int b = 2;

        void setUp(int cap) throws Exception {
            setUp(cap, "");
        }

        void setUp(int cap, String entryLines) throws Exception {
            AgentConfig config = new ConfigReader("/tmp").read("bench.toml", "[app]\nname = \"bench\"\n"
                    + "[[instrument]]\nclass = \"" + Adder.class.getName() + "\"\nmethods = [\"applyAsInt\"]\n"
                    + entryLines);
            plain = new Adder();
            woven = (IntBinaryOperator) WeavingFixture.weave(config, Adder.class).getConstructor().newInstance();
            recorder = new Recorder(WeavingFixture.sites(config), cap, false, JvmInstrumentation.get());
            Bridge.install(recorder);
        }
    }

    /** Every call is beyond the cap. */
    @State(Scope.Thread)
    public static class BeyondCap extends Calls {
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            setUp(0);
        }
    }

    /** Every call records a full event. */
    @State(Scope.Thread)
    public static class UnderCap extends Calls {
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            setUp(Integer.MAX_VALUE);
        }
    }

    /** Every call records a full event of an entry that reads a property from the call's arguments. */
    @State(Scope.Thread)
    public static class UnderCapReadingValues extends Calls {
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            setUp(Integer.MAX_VALUE, "properties = { first = \"arg0\" }\n");
        }
    }

    @Benchmark
    public int plainCall(BeyondCap s) {
        return s.plain.applyAsInt(s.a, s.b);
    }

    @Benchmark
    public int instrumentedBeyondCap(BeyondCap s) {
        return s.woven.applyAsInt(s.a, s.b);
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public int instrumentedFullEvent(UnderCap s) {
        int sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += s.woven.applyAsInt(s.a, i);
        }
        s.recorder.drainRecords();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public int instrumentedFullEventReadingValues(UnderCapReadingValues s) {
        int sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += s.woven.applyAsInt(s.a, i);
        }
        s.recorder.drainRecords();
        return sum;
    }
}
