package dev.telemetryagent.collector.report;

/** The HTML page the collector renders ({@code report --out}, {@code GET /report}). */
public final class ReportPages {

    private ReportPages() {
    }

    /** The page in use. */
    public static ReportPage current() {
        return new ChartPage();
    }
}
