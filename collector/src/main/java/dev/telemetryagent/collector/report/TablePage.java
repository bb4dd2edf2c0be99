package dev.telemetryagent.collector.report;

/**
 * A plain page of tables: the report's figures without charts, self-contained (no script, no request to any
 * network). The charted page replaces it behind {@link ReportPages#current()}.
 */
final class TablePage implements ReportPage {

    @Override
    public String render(Report report) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Telemetry report</title></head><body>\n<h1>Telemetry report</h1>\n");
        h.append("<p>").append(report.events()).append(" events, ").append(report.installs()).append(" installs, ")
                .append(report.runs()).append(" runs</p>\n");
        h.append("<h2>Events</h2>\n<table><tr><th>event</th><th>calls</th><th>failures</th><th>failure rate</th>")
                .append("<th>p50 s</th><th>p95 s</th><th>installs</th></tr>\n");
        for (Report.EventFigures e : report.byEvent()) {
            h.append("<tr><td>").append(escape(e.event())).append("</td><td>").append(e.calls()).append("</td><td>")
                    .append(e.failures()).append("</td><td>").append(e.failureRate()).append("</td><td>")
                    .append(e.p50()).append("</td><td>").append(e.p95()).append("</td><td>").append(e.installs())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Errors</h2>\n<table><tr><th>event</th><th>error type</th><th>site</th>")
                .append("<th>count</th></tr>\n");
        for (Report.ErrorFigures e : report.errors()) {
            h.append("<tr><td>").append(escape(e.event())).append("</td><td>").append(escape(e.errorType()))
                    .append("</td><td>").append(escape(e.errorSite())).append("</td><td>").append(e.count())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Days</h2>\n<table><tr><th>day</th><th>calls</th><th>installs</th></tr>\n");
        for (Report.DayFigures d : report.daily()) {
            h.append("<tr><td>").append(escape(d.day())).append("</td><td>").append(d.calls()).append("</td><td>")
                    .append(d.installs()).append("</td></tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    /** Text as HTML: every value in the page came from an event, so none is trusted as markup. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
