package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.CollectorProcess;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import dev.telemetryagent.it.support.SenderProcesses;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent in child JVMs sending its json batches to the real collector jar. */
class CollectorAgentIT {
    @TempDir
    Path dir;

    private final List<Path> homes = new ArrayList<>();

    @AfterEach
    void stopSenders() throws Exception {
        for (Path home : homes) {
            SenderProcesses.stop(home);
        }
    }

    private Path home(String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        homes.add(home);
        return home;
    }

    private static ChildJvm sample(Path home, String endpoint, String apiKey, String... args) {
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("")
                + "[sender]\nendpoint = \"" + endpoint + "\"\nformat = \"json\"\n"
                + (apiKey == null ? "" : "api_key = \"" + apiKey + "\"\n") + "\n" + Configs.picocli());
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args(args)
                .config(config);
    }

    private static JsonNode awaitReport(CollectorProcess c, Map<String, String> auth, Predicate<JsonNode> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            CollectorProcess.Answer a = c.request("GET", "/report.json", auth);
            last = a.json();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("report never reached the expected state: " + last);
    }

    private static JsonNode byEvent(JsonNode report, String event) {
        for (JsonNode e : report.path("by_event")) {
            if (e.path("event").asText().equals(event)) {
                return e;
            }
        }
        throw new AssertionError(event + " not in " + report);
    }

    @Test
    void theAgentsEventsArriveWithTheWriteKeyAndAreReported() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir, "--write-key", "w-key")) {
            Path home = home("h1");
            ChildJvm.Result hello = sample(home, c.url() + "/collect", "w-key", "hello", "--name", "bob").run();
            assertEquals(0, hello.exitCode, hello.toString());
            ChildJvm.Result fail = sample(home, c.url() + "/collect", "w-key", "fail").run();
            assertTrue(fail.exitCode != 0, fail.toString());
            JsonNode report = awaitReport(c, Map.of(), r -> r.path("events").asLong() == 2);
            assertEquals(1, report.path("installs").asLong());
            assertEquals(2, report.path("runs").asLong());
            assertEquals(1, byEvent(report, "command_hello").path("calls").asLong());
            assertEquals(1, byEvent(report, "command_fail").path("failures").asLong());
            assertTrue(report.path("options").toString().contains("--name"), report.toString());
            assertTrue(!report.toString().contains("bob"), "no argument value is stored");
            SenderProcesses.awaitStats(home, s -> s.path("delivered").asLong() == 2, Duration.ofSeconds(30));
        }
    }

    @Test
    void aWrongWriteKeyStoresNothingAndTheAgentCountsTheRejection() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir, "--write-key", "w-key")) {
            Path home = home("h1");
            assertEquals(0, sample(home, c.url() + "/collect", "not-the-key", "hello").run().exitCode);
            JsonNode stats = SenderProcesses.awaitStats(home, s -> s.path("rejected").asLong() == 1,
                    Duration.ofSeconds(30));
            assertEquals("HTTP 401", stats.path("last_failure").asText(), stats.toString());
            assertEquals(0, c.get("/report.json").json().path("events").asLong());
            ChildJvm.Result status = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                    .env("TELEMETRY_AGENT_CONFIG", home.resolve("agent-config.toml").toString()).args("status").run();
            assertTrue(status.stdout.contains("\n  delivery   delivered 0, rejected 1, oversize 0, expired 0, "
                    + "malformed 0;"), status.toString());
            assertTrue(status.stdout.contains("; last failure HTTP 401 at "), status.toString());
        }
    }

    @Test
    void retriesAfterALostAnswerStoreEachEventOnce() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            // A proxy that forwards every request to the collector, but answers the first one 503 after the
            // collector stored it: the agent retries the same batch, as after a reply lost on the way back.
            AtomicInteger forwarded = new AtomicInteger();
            HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            proxy.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                CollectorProcess.Answer a = c.post("/collect", body, Map.of());
                boolean lose = forwarded.incrementAndGet() == 1;
                byte[] reply = (lose ? "{\"error\":\"lost\"}" : a.body).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(lose ? 503 : a.status, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            });
            proxy.start();
            try {
                Path home = home("h1");
                String endpoint = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/collect";
                assertEquals(0, sample(home, endpoint, null, "hello").run().exitCode);
                SenderProcesses.awaitStats(home, s -> s.path("delivered").asLong() == 1, Duration.ofSeconds(60));
                assertTrue(forwarded.get() >= 2, "the batch was sent again");
                JsonNode report = c.get("/report.json").json();
                assertEquals(1, report.path("events").asLong(), report.toString());
                String metrics = c.get("/metrics").body;
                assertTrue(metrics.contains("collector_events_duplicates_total 1.0"), metrics);
            } finally {
                proxy.stop(0);
            }
        }
    }

    @Test
    void twoAgentsSendingAtOnceAreAllStoredOnce() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            Path a = home("a");
            Path b = home("b");
            ChildJvm.Running first = sample(a, c.url() + "/collect", null, "hello").start();
            ChildJvm.Running second = sample(b, c.url() + "/collect", null, "hello").start();
            assertEquals(0, first.finish().exitCode);
            assertEquals(0, second.finish().exitCode);
            ChildJvm.Running third = sample(a, c.url() + "/collect", null, "data", "export").start();
            ChildJvm.Running fourth = sample(b, c.url() + "/collect", null, "hello").start();
            third.finish();
            fourth.finish();
            JsonNode report = awaitReport(c, Map.of(), r -> r.path("events").asLong() == 4);
            assertEquals(2, report.path("installs").asLong());
            assertEquals(4, report.path("runs").asLong());
            assertEquals(3, byEvent(report, "command_hello").path("calls").asLong());
            Thread.sleep(500);
            assertEquals(4, c.get("/report.json").json().path("events").asLong(), "nothing stored twice");
        }
    }
}
