package dev.telemetryagent.bench;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.event.Event;
import dev.telemetryagent.event.EventContext;
import dev.telemetryagent.event.EventFactory;
import dev.telemetryagent.event.Hasher;
import dev.telemetryagent.instrument.WeavingFixture;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.MethodSite;
import dev.telemetryagent.send.JsonWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
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

/** The flush side, off the application's threads: hashing one value, building one event, writing it as JSON. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EventBenchmark {
    private Hasher hasher;
    private EventFactory factory;
    private CallRecord record;
    private Event event;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("bench.toml", "[app]\nname = \"bench\"\n"
                + "[[instrument]]\nclass = \"com.acme.Pipeline\"\nmethods = [\"load\"]\n"
                + "hash = { pipeline_name = \"this.name\", dataset_name = \"arg0\" }\n"
                + "properties = { destination_name = \"this.destination\" }\n");
        MethodSite site = WeavingFixture.sites(config)[1];
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("pipeline_name", "chess_pipeline");
        hashes.put("dataset_name", "games_2026");
        record = CallRecord.example(site, System.currentTimeMillis(), 2_234_885_123L, hashes,
                Collections.singletonMap("destination_name", "duckdb"), null, null);
        hasher = new Hasher("a-random-per-machine-salt-of-64-hex-characters-0123456789abcdef");
        Map<String, Object> context = EventContext.build(false, Collections.<String>emptyList(), "bench", "1.0",
                "0.1.0", "39c3b69c858836c36b9b7c6e046eb391", null);
        factory = new EventFactory(context, "570816b273a41d16caacc26a797204d9", null, hasher, false);
        event = factory.event(record);
    }

    @Benchmark
    public String hashOneValue() {
        return hasher.hash("chess_pipeline");
    }

    @Benchmark
    public Event buildEventWithTwoHashesAndOneProperty() {
        return factory.event(record);
    }

    @Benchmark
    public String writeEventAsJson() {
        return JsonWriter.write(event.toMap());
    }
}
