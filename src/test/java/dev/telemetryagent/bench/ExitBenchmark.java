package dev.telemetryagent.bench;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.state.StateDirectory;
import dev.telemetryagent.event.Event;
import dev.telemetryagent.event.EventContext;
import dev.telemetryagent.event.EventFactory;
import dev.telemetryagent.event.Hasher;
import dev.telemetryagent.instrument.WeavingFixture;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.CallSummary;
import dev.telemetryagent.record.MethodSite;
import dev.telemetryagent.send.Spool;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an exit does with a burst of 1,000 records, on a cold JVM (one shot per fork, so the agent's code
 * runs interpreted at first, as in a short run's shutdown hook): build the events (one hashed value and
 * one property each) and write them as one spool file.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(15)
@State(Scope.Thread)
public class ExitBenchmark {
    private static final int EVENTS = 1000;

    private List<CallRecord> records;
    private EventFactory factory;
    private Spool spool;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("bench.toml", "[app]\nname = \"bench\"\n"
                + "[[instrument]]\nclass = \"com.acme.Pipeline\"\nmethods = [\"load\"]\n"
                + "hash = { dataset_name = \"arg0\" }\nproperties = { destination_name = \"this.destination\" }\n");
        MethodSite site = WeavingFixture.sites(config)[1];
        records = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < EVENTS; i++) {
            records.add(CallRecord.example(site, now + i / 10, 1_000L + i,
                    Collections.singletonMap("dataset_name", "dataset_" + i),
                    Collections.singletonMap("destination_name", "duckdb"), null, null));
        }
        Map<String, Object> context = EventContext.build(false, Collections.<String>emptyList(), "bench", "1.0",
                "0.1.0", "39c3b69c858836c36b9b7c6e046eb391", null);
        factory = new EventFactory(context, "570816b273a41d16caacc26a797204d9", null,
                new Hasher("a-random-per-machine-salt-of-64-hex-characters-0123456789abcdef"), false);
        File dir = Files.createTempDirectory("exit-bench").toFile();
        spool = new Spool(new StateDirectory(dir.getPath()));
    }

    @Benchmark
    public File buildAndSpoolThousandEvents() throws Exception {
        List<Event> events = factory.build(records, Collections.<CallSummary.Snapshot>emptyList());
        return spool.write(events, "39c3b69c858836c36b9b7c6e046eb391", 0);
    }
}
