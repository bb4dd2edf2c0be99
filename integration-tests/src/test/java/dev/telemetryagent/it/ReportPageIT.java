package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Chromium;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import dev.telemetryagent.it.support.SenderProcesses;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page in a real browser: the real agent in child JVMs (two installs, a failure, a usage error, the
 * sample pipeline) sends to the real collector, and headless Chromium opens {@code GET /report}, then the file
 * {@code report --out} writes: every chart draws, no script error, no request beyond the page itself, a hostile
 * event name stays text. The screenshot is kept at {@code target/report-screenshot.png}.
 */
class ReportPageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String COLLECTOR_JAR = System.getProperty("it.collector.jar",
            Paths.get("target/telemetry-collector.jar").toAbsolutePath().toString());
    private static final Path SCREENSHOT = Paths.get(System.getProperty("it.basedir", "."))
            .resolve("target/report-screenshot.png");
    private static final String HOSTILE = "</script><img src=x onerror=\"window.pwned=1\"><!--";
    private static final List<String> CHARTS = List.of("chart-daily", "chart-commands", "chart-steps",
            "chart-failures", "chart-durations", "chart-version-durations", "chart-versions", "chart-os", "chart-java",
            "chart-ci", "chart-env", "chart-options");

    @TempDir
    Path dir;

    private final List<Path> homes = new ArrayList<>();
    private Process collector;

    @AfterEach
    void stop() throws Exception {
        for (Path home : homes) {
            SenderProcesses.stop(home);
        }
        if (collector != null && collector.isAlive()) {
            collector.destroy();
            collector.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theReportPageDrawsEveryChartInABrowser() throws Exception {
        Assumptions.assumeTrue(Chromium.binary() != null || "true".equals(System.getenv("CI")),
                "chromium is not installed (CI installs it)");
        String url = serve();
        Path alice = home("alice");
        Path bob = home("bob");
        cli(alice, url, "data", "load", "--table", "events", "--dry-run", "/home/alice/input.csv");
        cli(alice, url, "hello", "--name", "alice");
        cli(alice, url, "fail", "--password", "hunter2");
        cli(alice, url, "hello", "--bogus");
        cli(bob, url, "hello", "--shout");
        pipeline(bob, url, "run", "orders", "ds");
        // The usage error is an event of the deepest command the parser reached: command_hello.
        awaitReport(url, r -> r.path("installs").asLong() == 2 && calls(r, "command_hello") == 3
                && calls(r, "command_data_load") == 1 && calls(r, "command_fail") == 1
                && calls(r, "pipeline_run") == 1);
        post(url + "/collect", hostileBatch());
        awaitReport(url, r -> calls(r, HOSTILE) == 1);

        try (Chromium browser = Chromium.start(dir.resolve("chromium"))) {
            browser.open(url + "/report");
            browser.await("document.documentElement.hasAttribute('data-charts-drawn')", Duration.ofSeconds(60));
            browser.screenshot(SCREENSHOT);
            assertEquals(List.of(), browser.errors(), "no script error, no refused load");
            assertEquals(List.of(url + "/report"), browser.requests(), "nothing requested beyond the page");
            assertEquals(CHARTS.size(), browser.evaluate(
                    "Number(document.documentElement.getAttribute('data-charts-drawn'))").asInt());
            for (String chart : CHARTS) {
                int paths = browser.evaluate("document.querySelectorAll('#" + chart + " svg path').length").asInt();
                assertTrue(paths > 0, chart + " drew no path");
            }
            assertTrue(browser.evaluate("[...document.querySelectorAll('th')].some(t => t.textContent === "
                    + JSON.writeValueAsString(HOSTILE) + ")").asBoolean(), "the hostile name is shown as text");
            // Every tooltip of the commands chart, the hostile name's among them, is shown as text too.
            int tips = browser.evaluate("(() => { const c = echarts.getInstanceByDom("
                    + "document.getElementById('chart-commands')); const n = c.getOption().yAxis[0].data.length;"
                    + " for (let i = 0; i < n; i++) { c.dispatchAction({type: 'showTip', seriesIndex: 0,"
                    + " dataIndex: i}); } return n; })()").asInt();
            assertTrue(tips >= 4, "tooltips shown: " + tips);
            assertEquals(0, browser.evaluate("document.querySelectorAll('img').length").asInt(), "no injected img");
            assertTrue(browser.evaluate("window.pwned === undefined").asBoolean(), "no injected script ran");
            assertEquals(List.of(), browser.errors(), "no script error after the tooltips");

            // The same page offline: report --out over the store once the collector has stopped.
            collector.destroy();
            assertTrue(collector.waitFor(60, TimeUnit.SECONDS), "the collector stops on SIGTERM");
            Path page = dir.resolve("report.html");
            Process report = new ProcessBuilder(ChildJvm.JAVA, "-jar", COLLECTOR_JAR, "report", "--store",
                    dir.resolve("events.duckdb").toString(), "--out", page.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("report.out").toFile()).start();
            assertTrue(report.waitFor(120, TimeUnit.SECONDS) && report.exitValue() == 0,
                    Files.readString(dir.resolve("report.out")));
            String file = page.toUri().toString();
            browser.open(file);
            browser.await("location.href === " + JSON.writeValueAsString(file)
                    + " && document.documentElement.hasAttribute('data-charts-drawn')", Duration.ofSeconds(60));
            assertEquals(CHARTS.size(), browser.evaluate(
                    "Number(document.documentElement.getAttribute('data-charts-drawn'))").asInt());
            assertEquals(List.of(), browser.errors(), "no script error offline");
            assertEquals(List.of(url + "/report", file), browser.requests(), "nothing requested beyond the file");
        }
        assertTrue(Files.size(SCREENSHOT) > 10_000, "the screenshot is kept: " + SCREENSHOT);
    }

    private static long calls(JsonNode report, String event) {
        for (JsonNode e : report.path("by_event")) {
            if (e.path("event").asText().equals(event)) {
                return e.path("calls").asLong();
            }
        }
        return 0;
    }

    private String serve() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.JAVA, "-Xmx256m", "-jar", COLLECTOR_JAR, "serve",
                "--port", "0", "--store", dir.resolve("events.duckdb").toString());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", dir.toString());
        pb.directory(dir.toFile()).redirectError(dir.resolve("collector.err").toFile());
        collector = pb.start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(collector.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith("listening on ")) {
                        return l.substring("listening on ".length());
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(90, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("collector did not start: " + Files.readString(dir.resolve("collector.err")));
        }
        return line;
    }

    private Path home(String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        homes.add(home);
        return home;
    }

    private static Path config(Path home, String url) {
        return ChildJvm.write(home, "agent-config.toml", Configs.header("") + "[sender]\nendpoint = \"" + url
                + "/collect\"\nformat = \"json\"\n\n" + Configs.picocli() + Configs.pipeline());
    }

    private static void cli(Path home, String url, String... args) {
        ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args(args)
                .config(config(home, url)).run();
    }

    private static void pipeline(Path home, String url, String... args) {
        ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain").args(args)
                .config(config(home, url)).run();
    }

    private static String hostileBatch() {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        return "{\"batch\": [{\"event\": " + quote(HOSTILE) + ", \"messageId\": \"hostile-1\", "
                + "\"anonymousId\": \"mallory\", \"timestamp\": \"" + now + "\", "
                + "\"context\": {\"library\": {\"name\": \"sample\", \"version\": " + quote(HOSTILE) + "}, "
                + "\"os\": {\"name\": " + quote(HOSTILE) + "}, \"java\": \"17\", \"run_id\": \"r-hostile\"}, "
                + "\"properties\": {\"event_category\": \"command\", \"elapsed\": 0.5, \"success\": false, "
                + "\"error_type\": " + quote(HOSTILE) + ", \"error_site\": " + quote(HOSTILE) + ", "
                + "\"options\": [" + quote(HOSTILE) + "]}}]}";
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String post(String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Polls /report.json until {@code done}: events reach the collector through each run's detached sender. */
    private static JsonNode awaitReport(String url, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/report.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the report never had the expected figures: " + last);
    }
}
