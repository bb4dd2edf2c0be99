package dev.telemetryagent.collector.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report page: ECharts and the data inlined, nothing linked, names from the wire kept as text. */
class ChartPageTest {
    private static final String HOSTILE = "</script><script>window.pwned=1</script><!--<img src=x onerror=alert(1)>";
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    static Report report(String event, String errorType) {
        return new Report(12, 2, 5,
                List.of(new Report.EventFigures(event, "command", 10, 2, 0.2, 0.021, 0.4, 2),
                        new Report.EventFigures("pipeline_run", "pipeline", 3, 0, 0.0, 1.5, 2.5, 1)),
                List.of(new Report.ErrorFigures(event, errorType, "com.acme.Db.open", "OpVShb3cX7qQAmOZSbV8", false, 2)),
                List.of(new Report.VersionFigures("1.0.0", 13, 2)),
                new Report.Platforms(List.of(new Report.NamedInstalls("Linux", 2)),
                        List.of(new Report.NamedInstalls("17.0.15", 2)), 1),
                List.of(new Report.DayFigures("2026-12-04", 13, 2)),
                List.of(new Report.OptionFigures(event, "--table", 4)),
                List.of(new Report.VersionDurations(event, "1.0.0", 8, 0.021, 0.4)),
                List.of(new Report.NamedCount("none", 4), new Report.NamedCount("docker", 1)),
                new Report.Filter(30, "sample", "2026-12-04T18:00:00Z"));
    }

    private static String withoutScripts(String page) {
        return page.replaceAll("(?s)<script[^>]*>.*?</script>", "<script></script>");
    }

    @Test
    void inlinesEchartsAndTheDataAndLinksNothing() {
        String page = ReportPages.current().render(report("command_data load", "java.io.IOException"));
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 100));
        assertTrue(page.contains("echarts.init"), "the page's own script draws with ECharts");
        assertTrue(page.length() > 500_000, "ECharts itself is in the page: " + page.length());
        assertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
        String markup = withoutScripts(page);
        for (String link : List.of("src=", "href=", "url(", "@import", "http:", "https:", "//")) {
            assertFalse(markup.contains(link), "the page's markup links something: " + link);
        }
        assertEquals(3, count(page, "<script"), "the data, ECharts and the page's script");
        assertTrue(markup.contains("Last 30 days"), "the --days filter is shown");
        assertTrue(markup.contains("application <b>sample</b>"), "the --app filter is shown");
        assertTrue(markup.contains("generated 2026-12-04 18:00 UTC"), "when, to the minute");
        assertTrue(markup.contains("id=\"figure-events\">12<"), "headline figure: events");
        assertTrue(markup.contains("<td>20.0 %</td><td>java.io.IOException</td><td>com.acme.Db.open</td>"),
                "the failure rate with the top error type and site");
        assertTrue(markup.contains("<td>21.0 ms</td><td>400.0 ms</td>"), "p50 and p95");
        assertTrue(markup.contains("<td>1.50 s</td><td>2.50 s</td>"), "p50 and p95 in seconds");
    }

    @Test
    void hostileNamesStayTextInTheDataAndTheTables() throws Exception {
        String errorType = "x\u2028y\u2029z</SCRIPT >&";
        String page = ReportPages.current().render(report(HOSTILE, errorType));
        assertEquals(3, count(page, "<script"), "no script element injected");
        assertEquals(3, count(page.toLowerCase(), "</script"), "no script element ended early");
        assertFalse(page.contains("<!--"), "no comment opened");
        assertFalse(withoutScripts(page).contains("<img"), "no element injected");
        assertTrue(page.contains("<th scope=\"row\">&lt;/script&gt;&lt;script&gt;window.pwned=1"), "table: as text");
        Matcher data = DATA.matcher(page);
        assertTrue(data.find(), "the data element is whole");
        assertFalse(data.group(1).contains("<"), "no markup in the data");
        assertFalse(data.group(1).contains("\u2028") || data.group(1).contains("\u2029"), "no line separators");
        JsonNode json = new ObjectMapper().readTree(data.group(1));
        assertEquals(HOSTILE, json.path("by_event").get(0).path("event").asText(), "the name arrives unchanged");
        assertEquals(errorType, json.path("errors").get(0).path("error_type").asText());
    }

    @Test
    void scriptJsonEscapesWhatCouldEndTheScript() {
        assertEquals("[\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029\"]",
                ScriptJson.write(List.of("</script><!--&\u2028\u2029")));
    }

    @Test
    void anAssetThatWouldEndItsElementIsRefused() {
        assertThrows(IllegalStateException.class, () -> PageAssets.inlinable("var a = '</SCRIPT>';"));
        assertThrows(IllegalStateException.class, () -> PageAssets.inlinable("a <!-- b"));
        assertEquals("var a = 1;", PageAssets.inlinable("var a = 1;"));
    }

    @Test
    void anEmptyReportSaysHowToFillIt() {
        Report empty = new Report(0, 0, 0, List.of(), List.of(), List.of(), new Report.Platforms(List.of(), List.of(), 0),
                List.of(), List.of(), List.of(), List.of(), new Report.Filter(null, null, "2026-12-04T18:00:00Z"));
        String markup = withoutScripts(ReportPages.current().render(empty));
        assertTrue(markup.contains("No events yet"), markup);
        assertTrue(markup.contains("All days"));
        assertTrue(markup.contains("every application"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
