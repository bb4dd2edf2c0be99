package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetryagent.it.support.CollectorProcess;
import dev.telemetryagent.it.support.Events;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's figures over known data, offline ({@code report}) and live ({@code /report.json}); retention. */
class CollectorReportIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theReportsFiguresMatchHandComputedValues() throws Exception {
        Instant today = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Instant tenDaysAgo = today.minus(Duration.ofDays(10));
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            CollectorProcess.Answer a = c.collect(Events.batch(List.of(
                    Events.command("1", "i1", "r1", "command_sync", today, 1.0, true, "1.0.0"),
                    Events.command("2", "i1", "r1", "command_sync", today, 2.0, true, "1.0.0"),
                    Events.command("3", "i2", "r2", "command_sync", today, 3.0, false, "1.1.0"),
                    Events.command("4", "i2", "r3", "command_sync", tenDaysAgo, 10.0, false, "1.1.0"),
                    Events.command("5", "i3", "r4", "command_init", today, 0.5, true, "1.1.0"))));
            assertEquals(5, a.json().path("accepted").asInt(), a.toString());

            JsonNode live = c.get("/report.json").json();
            assertEquals(5, live.path("events").asLong());
            assertEquals(3, live.path("installs").asLong());
            assertEquals(4, live.path("runs").asLong());
            JsonNode sync = live.path("by_event").get(0);
            assertEquals("command_sync", sync.path("event").asText());
            assertEquals(4, sync.path("calls").asLong());
            assertEquals(2, sync.path("failures").asLong());
            assertEquals(0.5, sync.path("failure_rate").asDouble(), 1e-12);
            // elapsed 1, 2, 3, 10: p50 = 2 + 0.5 * (3 - 2) = 2.5; p95 at rank 0.95 * 3 = 2.85: 3 + 0.85 * 7 = 8.95
            assertEquals(2.5, sync.path("p50_s").asDouble(), 1e-9);
            assertEquals(8.95, sync.path("p95_s").asDouble(), 1e-9);
            assertEquals(2, sync.path("installs").asLong());
            JsonNode error = live.path("errors").get(0);
            assertEquals("java.io.IOException", error.path("error_type").asText());
            assertEquals("com.acme.Db.open", error.path("error_site").asText());
            assertEquals(2, error.path("count").asLong());
            assertEquals("1.1.0", live.path("versions").get(0).path("version").asText());
            assertEquals(3, live.path("versions").get(0).path("calls").asLong());
            assertEquals("Linux", live.path("platforms").path("os").get(0).path("name").asText());
            assertEquals(3, live.path("platforms").path("os").get(0).path("installs").asLong());
            assertEquals(0, live.path("platforms").path("ci_runs").asLong());
            assertEquals(2, live.path("daily").size());

            JsonNode week = c.get("/report.json?days=7").json();
            assertEquals(4, week.path("events").asLong());
            JsonNode weekSync = week.path("by_event").get(0);
            // elapsed 1, 2, 3: p50 = 2; p95 at rank 1.9: 2 + 0.9 * 1 = 2.9
            assertEquals(2.0, weekSync.path("p50_s").asDouble(), 1e-9);
            assertEquals(2.9, weekSync.path("p95_s").asDouble(), 1e-9);
            assertEquals(0, c.get("/report.json?app=other").json().path("events").asLong());
            assertEquals(400, c.get("/report.json?days=0").status);
            String page = c.get("/report").body;
            assertTrue(page.startsWith("<!DOCTYPE html>"), page);
            assertTrue(page.contains("command_sync"), page);
            c.terminate();
        }
        CollectorProcess.Finished offline = CollectorProcess.run(dir, List.of(), "report", "--json");
        assertEquals(0, offline.exitCode, offline.toString());
        JsonNode report = JSON.readTree(offline.stdout);
        assertEquals(5, report.path("events").asLong());
        assertEquals(8.95, report.path("by_event").get(0).path("p95_s").asDouble(), 1e-9);
        CollectorProcess.Finished filtered = CollectorProcess.run(dir, List.of(), "report", "--json", "--days", "7",
                "--app", "acme");
        assertEquals(4, JSON.readTree(filtered.stdout).path("events").asLong(), filtered.toString());
        Path html = dir.resolve("report.html");
        CollectorProcess.Finished page = CollectorProcess.run(dir, List.of(), "report", "--out", html.toString());
        assertEquals(0, page.exitCode, page.toString());
        assertTrue(Files.readString(html).contains("command_sync"));
    }

    @Test
    void retentionDeletesByTheEventsOwnTimestamp() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            c.collect(Events.batch(List.of(Events.simple("new", now.minus(Duration.ofDays(1))),
                    Events.simple("old", now.minus(Duration.ofDays(40))))));
            c.terminate();
        }
        try (CollectorProcess c = CollectorProcess.serve(dir, "--retention-days", "30")) {
            JsonNode report = c.get("/report.json").json();
            assertEquals(1, report.path("events").asLong(), report.toString());
            assertTrue(c.stderr().contains("retention: deleted 1 events"), c.stderr());
        }
    }
}
