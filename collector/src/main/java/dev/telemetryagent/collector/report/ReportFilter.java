package dev.telemetryagent.collector.report;

import java.time.Duration;
import java.time.Instant;

/**
 * Which events a report covers: those of the last {@code days} days by their own timestamp (all when null),
 * of the application {@code app} ({@code context.library.name}; all when null).
 */
public record ReportFilter(Integer days, String app, Instant now) {

    /** All events of every application. */
    public static ReportFilter all() {
        return new ReportFilter(null, null, Instant.now());
    }

    /** The earliest timestamp kept, or null when every day is. */
    public Instant since() {
        return days == null ? null : now.minus(Duration.ofDays(days));
    }
}
