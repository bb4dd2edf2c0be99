package dev.telemetryagent.collector.report;

/**
 * Turns a report into one self-contained HTML page (for {@code report --out} and {@code GET /report}): the page
 * loads nothing from the network when it opens.
 */
public interface ReportPage {

    /** The whole page for {@code report}. */
    String render(Report report);
}
