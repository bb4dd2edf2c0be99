package dev.telemetryagent.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.telemetryagent.collector.report.Report;
import dev.telemetryagent.collector.report.ReportFilter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's figures over known rows, each expected value worked out by hand. */
class ReportFiguresTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path dir;

    private static StoredEvent call(String id, String event, String install, String run, String version,
                                    Instant ts, Double elapsed, boolean success, String errorType, String options) {
        return new StoredEvent(id, event, install, null, ts, "acme", version, "0.1.0", run, "Linux", "6.1", "amd64",
                "17.0.15", false, 2, "docker", "command", event, elapsed, success, success ? 0 : 1, null, options,
                errorType, null, errorType == null ? null : "com.acme.Db.open", null, false, null, null, "{}", "{}");
    }

    private static StoredEvent summary(String id, String event, String install, Instant ts, long count, long failures) {
        return new StoredEvent(id, event, install, null, ts, "acme", "1.0", "0.1.0", "r9", "Linux", "6.1", "amd64",
                "21", true, 2, null, "pipeline", event, null, null, null, null, null, null, null, null, null, true,
                count, failures, "{}", "{}");
    }

    @Test
    void figuresMatchHandComputedValues() throws Exception {
        Instant today = NOW.minusSeconds(3600);
        Instant yesterday = NOW.minusSeconds(26 * 3600);
        try (EventStore store = DuckDbStores.openForWriting(dir.resolve("r.duckdb"))) {
            store.insert(List.of(
                    call("1", "command_sync", "i1", "r1", "1.0", today, 1.0, true, null, "--verbose"),
                    call("2", "command_sync", "i1", "r1", "1.0", today, 2.0, true, null, "--verbose,--name"),
                    call("3", "command_sync", "i2", "r2", "1.1", yesterday, 3.0, false, "java.io.IOException", null),
                    call("4", "command_sync", "i2", "r2", "1.1", yesterday, 10.0, false, "java.io.IOException", null),
                    call("5", "command_init", "i3", "r3", "1.1", today, 0.5, true, null, null),
                    summary("6", "pipeline_load", "i3", today, 100, 7)));
            Report all = store.report(new ReportFilter(null, null, NOW));
            assertEquals(6, all.events());
            assertEquals(3, all.installs());
            assertEquals(4, all.runs());
            Report.EventFigures load = all.byEvent().get(0);
            assertEquals("pipeline_load", load.event());
            assertEquals(100, load.calls());
            assertEquals(7, load.failures());
            assertEquals(0.07, load.failureRate(), 1e-12);
            assertNull(load.p50());
            Report.EventFigures sync = all.byEvent().get(1);
            assertEquals("command_sync", sync.event());
            assertEquals(4, sync.calls());
            assertEquals(2, sync.failures());
            assertEquals(0.5, sync.failureRate(), 1e-12);
            // elapsed 1, 2, 3, 10: p50 at rank 1.5 -> 2.5; p95 at rank 2.85 -> 3 + 0.85 * 7 = 8.95
            assertEquals(2.5, sync.p50(), 1e-9);
            assertEquals(8.95, sync.p95(), 1e-9);
            assertEquals(2, sync.installs());
            assertEquals(List.of(new Report.ErrorFigures("command_sync", "java.io.IOException", "com.acme.Db.open",
                    null, false, 2)), all.errors());
            assertEquals(List.of(new Report.VersionFigures("1.0", 102, 2), new Report.VersionFigures("1.1", 3, 2)),
                    all.versions());
            assertEquals(1, all.platforms().ciRuns());
            assertEquals(List.of(new Report.NamedInstalls("17.0.15", 3), new Report.NamedInstalls("21", 1)),
                    all.platforms().java());
            assertEquals(List.of(new Report.DayFigures("2026-12-03", 2, 1), new Report.DayFigures("2026-12-04", 103, 2)),
                    all.daily());
            assertEquals(List.of(new Report.OptionFigures("command_sync", "--verbose", 2),
                    new Report.OptionFigures("command_sync", "--name", 1)), all.options());
            assertEquals(List.of(new Report.NamedCount("docker", 3), new Report.NamedCount("none", 1)),
                    all.environments());

            // per version: 1.0 has 1, 2 (p50 1.5, p95 1 + 0.95 = 1.95); 1.1 has 3, 10 (p50 6.5, p95 3 + 0.95 * 7 = 9.65)
            List<Report.VersionDurations> syncByVersion = all.versionDurations().stream()
                    .filter(v -> v.event().equals("command_sync")).toList();
            assertEquals(2, syncByVersion.size());
            assertEquals("1.0", syncByVersion.get(0).version());
            assertEquals(1.5, syncByVersion.get(0).p50(), 1e-9);
            assertEquals(1.95, syncByVersion.get(0).p95(), 1e-9);
            assertEquals(6.5, syncByVersion.get(1).p50(), 1e-9);
            assertEquals(9.65, syncByVersion.get(1).p95(), 1e-9);
            assertEquals("pipeline_load", all.versionDurations().get(0).event(), "in the order of by_event");
            assertNull(all.versionDurations().get(0).p50(), "a summary has no individual durations");

            Report lastDay = store.report(new ReportFilter(1, null, NOW));
            assertEquals(4, lastDay.events());
            assertEquals(2, lastDay.byEvent().stream().filter(e -> e.event().equals("command_sync")).findFirst()
                    .orElseThrow().calls());
            assertEquals(0, store.report(new ReportFilter(null, "other-app", NOW)).events());

            assertEquals(2, store.deleteBefore(NOW.minusSeconds(24 * 3600)));
            assertEquals(4, store.report(new ReportFilter(null, null, NOW)).events());
        }
    }
}
