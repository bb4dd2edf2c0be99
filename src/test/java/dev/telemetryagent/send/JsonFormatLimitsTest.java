package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigLoader;
import dev.telemetryagent.config.Format;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The json format fits the telemetry collector: its key, its size limits, its reply. */
class JsonFormatLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENT_AT = "2026-11-21T10:15:31.000Z";

    @TempDir
    Path home;

    @Test
    void theApiKeyGoesAsABearerToken() {
        WireRequest r = Formats.of(Format.JSON).requests("http://127.0.0.1:1/collect", "k-123",
                List.of(FormatsTest.event("e", null, "")), SENT_AT).get(0);
        assertEquals(Map.of("Authorization", "Bearer k-123"), r.headers());
        WireRequest none = Formats.of(Format.JSON).requests("http://127.0.0.1:1/collect", null,
                List.of(FormatsTest.event("e", null, "")), SENT_AT).get(0);
        assertTrue(none.headers().isEmpty());
    }

    @Test
    void anEventOver32KiBIsTruncatedAndMarkedNotDropped() throws Exception {
        Map<String, Object> big = FormatsTest.event("pipeline_load", null, "x".repeat(100_000));
        List<WireRequest> rs = Formats.of(Format.JSON).requests("http://127.0.0.1:1/collect", null,
                List.of(big, FormatsTest.event("small", null, "")), SENT_AT);
        assertEquals(1, rs.size());
        assertEquals(2, rs.get(0).events().size());
        JsonNode sent = JSON.readTree(rs.get(0).body()).path("batch").get(0);
        assertTrue(JSON.writeValueAsBytes(sent).length <= JsonFormat.MAX_EVENT_BYTES,
                () -> "event of " + sent.toString().length() + " bytes");
        assertTrue(sent.path("properties").path("truncated").asBoolean());
        assertTrue(sent.path("properties").path("padding").asText().endsWith(EventTruncation.MARK));
        assertEquals("pipeline_load", sent.path("event").asText());
        assertEquals(2.234885, sent.path("properties").path("elapsed").asDouble());
    }

    @Test
    void requestsStayWithin4MiB() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(FormatsTest.event("e" + i, null, "y".repeat(30_000)));
        }
        List<WireRequest> rs = Formats.of(Format.JSON).requests("http://127.0.0.1:1/collect", null, events, SENT_AT);
        int carried = 0;
        for (WireRequest r : rs) {
            assertTrue(r.body().length <= JsonFormat.MAX_REQUEST_BYTES, r.body().length + " bytes");
            assertEquals(r.events().size(), JSON.readTree(r.body()).path("batch").size());
            carried += r.events().size();
        }
        assertEquals(400, carried);
        assertTrue(rs.size() >= 3, rs.size() + " requests");
    }

    @Test
    void theRepliesRejectedCountIsCountedAsRejected() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] reply = "{\"accepted\":2,\"duplicates\":0,\"rejected\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
        try {
            Path toml = home.resolve("agent-config.toml");
            Files.writeString(toml, "[app]\nname = \"acme\"\n[telemetry]\nconsent = \"none\"\nhash_salt = \"s\"\n"
                    + "[sender]\nendpoint = \"http://127.0.0.1:" + server.getAddress().getPort() + "/collect\"\n");
            AgentConfig config = ConfigLoader.load(toml.toFile(), home.toString());
            Spool spool = new Spool(new StateDirectory(config.telemetry().stateDir()), Spool.routeOf(config.sender()));
            StateDirectory.ensureDirectory(spool.dir());
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                sb.append(JsonWriter.write(FormatsTest.event("e" + i, null, ""))).append('\n');
            }
            Files.writeString(new File(spool.dir(), System.currentTimeMillis() + "-run-3."
                    + Spool.routeOf(config.sender()) + ".jsonl").toPath(), sb.toString());
            SpoolDelivery d = new SpoolDelivery(config,
                    new Situation(config, Map.of(), new Properties(), new File("/"), "app.Main"), 1);
            assertEquals(SpoolDelivery.Outcome.EMPTIED, d.deliverAll(System.nanoTime() + 20_000_000_000L, true));
            Map<String, Object> stats = new DeliveryStats(spool.dir()).read();
            assertEquals(2L, stats.get(DeliveryStats.DELIVERED));
            assertEquals(1L, stats.get(DeliveryStats.REJECTED));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anotherFormatsReplyIsNotReadAsRejections() {
        byte[] reply = "{\"rejected\":5}".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, CollectorReply.rejected(Format.POSTHOG, reply, 10));
        assertEquals(5, CollectorReply.rejected(Format.JSON, reply, 10));
        assertEquals(3, CollectorReply.rejected(Format.JSON, reply, 3));
        assertEquals(0, CollectorReply.rejected(Format.JSON, "not json".getBytes(StandardCharsets.UTF_8), 3));
    }
}
