package dev.telemetryagent.collector.report;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The report as one self-contained page a maintainer reads in a minute: the headline figures, charts drawn by
 * Apache ECharts (inlined, with the report's JSON, so the page opens offline), and the same figures as tables.
 * Every name on the page came from an event, so none is trusted: text is escaped for HTML, the data for a script
 * element ({@link ScriptJson}), and the page's policy runs only its own two scripts and loads nothing.
 */
final class ChartPage implements ReportPage {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public String render(Report report) {
        String nonce = nonce();
        StringBuilder h = new StringBuilder(PageAssets.echarts().length() + 65536);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("script-src 'nonce-").append(nonce).append("'; style-src 'unsafe-inline'; img-src data:; ")
                .append("base-uri 'none'; form-action 'none'\">\n")
                .append("<title>Telemetry report</title>\n<style>\n").append(PageAssets.pageStyle())
                .append("</style>\n</head>\n<body>\n<main>\n");
        header(h, report);
        headline(h, report);
        activity(h, report);
        commands(h, report);
        failures(h, report);
        durations(h, report);
        versions(h, report);
        platforms(h, report);
        options(h, report);
        h.append("<footer>A self-contained page: charts drawn by Apache ECharts ").append(PageAssets.echartsVersion())
                .append(" (Apache License 2.0), bundled into it; it loads nothing from the network.</footer>\n")
                .append("</main>\n<script type=\"application/json\" id=\"report-data\">").append(ScriptJson.write(report))
                .append("</script>\n<script nonce=\"").append(nonce).append("\">\n").append(PageAssets.echarts())
                .append("\n</script>\n<script nonce=\"").append(nonce).append("\">\n").append(PageAssets.pageScript())
                .append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Report report) {
        Report.Filter f = report.filter();
        h.append("<header>\n<h1>Telemetry report</h1>\n<p class=\"filter\">")
                .append(f.days() == null ? "All days" : "Last " + f.days() + (f.days() == 1 ? " day" : " days"))
                .append(" (<code>--days</code>) &middot; ")
                .append(f.app() == null ? "every application" : "application <b>" + escape(f.app()) + "</b>")
                .append(" (<code>--app</code>) &middot; generated ").append(escape(minute(f.generatedAt())))
                .append("</p>\n</header>\n");
    }

    private static void headline(StringBuilder h, Report report) {
        long calls = 0;
        long failures = 0;
        for (Report.EventFigures e : report.byEvent()) {
            calls += e.calls();
            failures += e.failures();
        }
        h.append("<section class=\"headline\" aria-label=\"Headline figures\">\n");
        figure(h, "events", Long.toString(report.events()), "events stored");
        figure(h, "installs", Long.toString(report.installs()), "installs");
        figure(h, "runs", Long.toString(report.runs()), "runs");
        figure(h, "calls", Long.toString(calls), "calls");
        figure(h, "failure-rate", calls == 0 ? "–" : percent((double) failures / calls), "of calls failed");
        figure(h, "ci-runs", Long.toString(report.platforms().ciRuns()), "runs in CI");
        h.append("</section>\n");
        if (report.events() == 0) {
            h.append("<p class=\"empty\">No events yet: point an agent's <code>[sender] endpoint</code> at this ")
                    .append("collector's <code>/collect</code>.</p>\n");
        }
    }

    private static void figure(StringBuilder h, String id, String value, String label) {
        h.append("<div class=\"figure\"><span class=\"value\" id=\"figure-").append(id).append("\">").append(value)
                .append("</span><span class=\"label\">").append(label).append("</span></div>\n");
    }

    private static void activity(StringBuilder h, Report report) {
        h.append("<section>\n<h2>Activity</h2>\n");
        chart(h, "chart-daily", "Calls and active installs per day");
        table(h, "Calls and installs per day", true, List.of("day", "calls", "installs"),
                report.daily().stream().map(d -> List.of(d.day(), n(d.calls()), n(d.installs()))).toList());
        h.append("</section>\n");
    }

    private static void commands(StringBuilder h, Report report) {
        h.append("<section>\n<h2>Commands and pipeline steps, by use</h2>\n<div class=\"pair\">\n");
        chart(h, "chart-commands", "Commands ranked by calls");
        chart(h, "chart-steps", "Pipeline steps and other methods ranked by calls");
        h.append("</div>\n");
        table(h, "Every event", false,
                List.of("event", "category", "calls", "failures", "failure rate", "p50", "p95", "installs"),
                report.byEvent().stream().map(e -> List.of(e.event(), text(e.category()), n(e.calls()),
                        n(e.failures()), percent(e.failureRate()), seconds(e.p50()), seconds(e.p95()),
                        n(e.installs()))).toList());
        h.append("</section>\n");
    }

    private static void failures(StringBuilder h, Report report) {
        Map<String, Report.ErrorFigures> top = new LinkedHashMap<>();
        for (Report.ErrorFigures e : report.errors()) {
            top.putIfAbsent(e.event(), e); // errors come most frequent first
        }
        h.append("<section>\n<h2>Failures</h2>\n");
        chart(h, "chart-failures", "Failure rate per event");
        table(h, "Failure rate and most frequent error per event", false,
                List.of("event", "failures", "failure rate", "top error type", "top error site"),
                report.byEvent().stream().filter(e -> e.failures() > 0).map(e -> {
                    Report.ErrorFigures error = top.get(e.event());
                    return List.of(e.event(), n(e.failures()), percent(e.failureRate()),
                            error == null ? "–" : text(error.errorType()), error == null ? "–" : text(error.errorSite()));
                }).toList());
        table(h, "Every error", true, List.of("event", "error type", "error site", "fingerprint", "usage error",
                "failed calls"), report.errors().stream().map(e -> List.of(e.event(), text(e.errorType()),
                text(e.errorSite()), text(e.errorFingerprint()), e.usageError() ? "yes" : "no", n(e.count()))).toList());
        h.append("</section>\n");
    }

    private static void durations(StringBuilder h, Report report) {
        h.append("<section>\n<h2>Durations</h2>\n<div class=\"pair\">\n");
        chart(h, "chart-durations", "Duration p50 and p95 per event");
        chart(h, "chart-version-durations", "Duration p50 and p95 per version, most used events");
        h.append("</div>\n");
        table(h, "Duration per version of the most used events", true,
                List.of("event", "version", "timed calls", "p50", "p95"),
                report.versionDurations().stream().map(v -> List.of(v.event(), v.version(), n(v.calls()),
                        seconds(v.p50()), seconds(v.p95()))).toList());
        h.append("</section>\n");
    }

    private static void versions(StringBuilder h, Report report) {
        h.append("<section>\n<h2>Version adoption</h2>\n");
        chart(h, "chart-versions", "Installs and calls per application version");
        table(h, "Installs and calls per version", true, List.of("version", "installs", "calls"),
                report.versions().stream().map(v -> List.of(v.version(), n(v.installs()), n(v.calls()))).toList());
        h.append("</section>\n");
    }

    private static void platforms(StringBuilder h, Report report) {
        Report.Platforms p = report.platforms();
        h.append("<section>\n<h2>Platforms</h2>\n<div class=\"quad\">\n");
        chart(h, "chart-os", "Installs per operating system");
        chart(h, "chart-java", "Installs per Java version");
        chart(h, "chart-ci", "Runs in CI and elsewhere");
        chart(h, "chart-env", "Runs per environment");
        h.append("</div>\n");
        table(h, "Installs per operating system", true, List.of("operating system", "installs"),
                p.os().stream().map(o -> List.of(o.name(), n(o.installs()))).toList());
        table(h, "Installs per Java version", true, List.of("Java", "installs"),
                p.java().stream().map(j -> List.of(j.name(), n(j.installs()))).toList());
        table(h, "Runs in CI and per environment (container, WSL)", true, List.of("environment", "runs"),
                Stream.concat(Stream.of(List.of("CI", n(p.ciRuns()))),
                        report.environments().stream().map(e -> List.of(e.name(), n(e.runs())))).toList());
        h.append("</section>\n");
    }

    private static void options(StringBuilder h, Report report) {
        h.append("<section>\n<h2>Option usage</h2>\n<p class=\"note\">Option names only: the agent never sends ")
                .append("their values.</p>\n");
        chart(h, "chart-options", "Calls giving each option, per command");
        table(h, "Calls giving each option", true, List.of("command", "option", "calls"),
                report.options().stream().map(o -> List.of(o.event(), o.option(), n(o.calls()))).toList());
        h.append("</section>\n");
    }

    private static void chart(StringBuilder h, String id, String title) {
        h.append("<figure class=\"card\"><figcaption>").append(escape(title)).append("</figcaption>")
                .append("<div class=\"chart\" id=\"").append(id).append("\" role=\"img\" aria-label=\"")
                .append(escape(title)).append("\"></div></figure>\n");
    }

    /** A table of the figures; {@code folded} ones sit in a closed {@code <details>} below their chart. */
    private static void table(StringBuilder h, String caption, boolean folded, List<String> columns,
                              List<List<String>> rows) {
        if (folded) {
            h.append("<details><summary>").append(escape(caption)).append(" (table)</summary>\n");
        }
        h.append("<div class=\"scroll\"><table>\n<caption>").append(escape(caption)).append("</caption>\n<thead><tr>");
        for (String c : columns) {
            h.append("<th scope=\"col\">").append(escape(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        if (rows.isEmpty()) {
            h.append("<tr><td colspan=\"").append(columns.size()).append("\" class=\"none\">none</td></tr>\n");
        }
        for (List<String> row : rows) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                h.append(i == 0 ? "<th scope=\"row\">" : "<td>").append(escape(row.get(i)))
                        .append(i == 0 ? "</th>" : "</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
        if (folded) {
            h.append("</details>\n");
        }
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    /** A duration in the unit a reader takes in at a glance: ms below one second. */
    private static String seconds(Double s) {
        if (s == null) {
            return "–";
        }
        return s < 1 ? String.format(Locale.ROOT, "%.1f ms", s * 1000) : String.format(Locale.ROOT, "%.2f s", s);
    }

    /** An instant to the minute, as a reader takes it in ("2026-12-04 18:47 UTC"). */
    private static String minute(String instant) {
        try {
            return MINUTE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Text as HTML: every value in the page came from an event, so none is trusted as markup. */
    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
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
