import dev.telemetryagent.collector.store.DuckDbStores;
import dev.telemetryagent.collector.store.EventStore;
import dev.telemetryagent.collector.store.StoredEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tops a stopped collector's store up to a number of events through the store's own insert path (appender,
 * staging, ON CONFLICT), in batches of 10,000, much faster than over HTTP, so that the report can be timed over
 * a million events on a loaded machine. The events are shaped like CollectorLoad's.
 *
 *   java -cp target/telemetry-collector.jar FillStore.java STORE TOTAL_EVENTS
 */
public final class FillStore {
    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        long total = Long.parseLong(args[1]);
        SplittableRandom random = new SplittableRandom(42);
        long now = System.currentTimeMillis();
        try (EventStore events = DuckDbStores.openForWriting(store)) {
            long have = events.report(dev.telemetryagent.collector.report.ReportFilter.all()).events();
            for (long n = have; n < total; ) {
                List<StoredEvent> batch = new ArrayList<>();
                for (int i = 0; i < 10_000 && n < total; i++, n++) {
                    int install = random.nextInt(1000);
                    int command = (int) Math.min(19, Math.abs(random.nextGaussian() * 6));
                    boolean failed = random.nextInt(100) < 4;
                    batch.add(new StoredEvent("fill-" + n, "command_cmd" + command, String.format("%032x", install),
                            null, Instant.ofEpochMilli(now - random.nextLong(30L * 86_400_000L)), "acme",
                            "1." + install % 5 + ".0", "0.1.0", "fill-run-" + n / 4, "Linux", "6.1.0", "amd64",
                            "17.0.15", install % 10 == 0, 8, install % 3 == 0 ? "docker" : null, "command",
                            "cmd" + command, Math.round(random.nextDouble() * random.nextDouble() * 5e6) / 1e6,
                            !failed, failed ? 1 : 0, null, random.nextBoolean() ? "--verbose,--name" : "--verbose",
                            failed ? "java.io.IOException" : null, null, failed ? "com.acme.Db.open" : null, null,
                            false, null, null, "{\"cpu\":8}", "{\"event_category\":\"command\"}"));
                }
                events.insert(batch);
            }
            System.out.println("store holds " + events.report(dev.telemetryagent.collector.report.ReportFilter.all())
                    .events() + " events");
        }
    }
}
