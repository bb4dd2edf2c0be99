package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetryagent.config.Format;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENT_AT = "2026-11-21T10:15:31.000Z";

    /** A logical event as the spool holds it, parsed by the agent's own reader. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> event(String name, String userId, String padding) {
        String json = "{\"event\":\"" + name + "\",\"anonymousId\":\"570816b273a41d16caacc26a797204d9\","
                + (userId == null ? "" : "\"userId\":\"" + userId + "\",")
                + "\"messageId\":\"6f1c0a2b3c4d5e6f708192a3b4c5d6e7\",\"timestamp\":\"2026-11-21T10:15:30.123Z\","
                + "\"context\":{\"ci_run\":false,\"cpu\":8,\"exec_info\":[\"docker\",\"kubernetes\"],"
                + "\"library\":{\"name\":\"acme\",\"version\":\"1.4.2\"},"
                + "\"agent\":{\"name\":\"telemetry-agent\",\"version\":\"0.1.0\"},"
                + "\"os\":{\"name\":\"Linux\",\"version\":\"6.1.0\",\"arch\":\"amd64\"},\"java\":\"17.0.15\","
                + "\"run_id\":\"39c3b69c858836c36b9b7c6e046eb391\"},"
                + "\"properties\":{\"event_category\":\"pipeline\",\"event_name\":\"load\",\"elapsed\":2.234885,"
                + "\"success\":false,\"exit_code\":3,\"padding\":\"" + padding + "\"}}";
        return (Map<String, Object>) JsonReader.read(json);
    }

    private static JsonNode body(WireRequest r) throws Exception {
        return JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void jsonSendsTheLogicalEventsAsTheyAre() throws Exception {
        Map<String, Object> e = event("pipeline_load", null, "");
        List<WireRequest> rs = Formats.of(Format.JSON).requests("http://127.0.0.1:1/e", null, List.of(e), SENT_AT);
        assertEquals(1, rs.size());
        assertEquals("http://127.0.0.1:1/e", rs.get(0).url());
        JsonNode b = body(rs.get(0));
        assertEquals(SENT_AT, b.path("sentAt").asText());
        assertEquals(JSON.readTree(JsonWriter.write(e)), b.path("batch").get(0));
    }

    @Test
    void posthogFlattensContextAndMarksAnonymousEvents() throws Exception {
        List<WireRequest> rs = Formats.of(Format.POSTHOG).requests("https://eu.i.posthog.com/", "phc_key",
                List.of(event("pipeline_load", null, "")), SENT_AT);
        assertEquals("https://eu.i.posthog.com/batch/", rs.get(0).url());
        JsonNode b = body(rs.get(0));
        assertEquals("phc_key", b.path("api_key").asText());
        JsonNode e = b.path("batch").get(0);
        assertEquals("pipeline_load", e.path("event").asText());
        assertEquals("570816b273a41d16caacc26a797204d9", e.path("distinct_id").asText());
        assertEquals("6f1c0a2b-3c4d-5e6f-7081-92a3b4c5d6e7", e.path("uuid").asText());
        assertEquals("2026-11-21T10:15:30.123Z", e.path("timestamp").asText());
        JsonNode p = e.path("properties");
        assertEquals("telemetry-agent", p.path("$lib").asText());
        assertEquals("0.1.0", p.path("$lib_version").asText());
        assertFalse(p.path("$process_person_profile").asBoolean(true));
        assertTrue(p.path("$geoip_disable").asBoolean(false), "PostHog must not turn the address into a place");
        assertFalse(p.has("$ip"));
        assertEquals("Linux", p.path("os_name").asText());
        assertEquals("acme", p.path("library_name").asText());
        assertEquals(8, p.path("cpu").asInt());
        assertTrue(p.path("exec_info").isArray());
        assertEquals(2.234885, p.path("elapsed").asDouble());
        assertEquals("load", p.path("event_name").asText());
        assertFalse(p.has("context"));
    }

    @Test
    void posthogIdentifiedEventUsesTheUserIdAndMayProfile() throws Exception {
        JsonNode e = body(new PosthogFormat().requests("https://app.posthog.com", "k",
                List.of(event("x", "u-123", "")), SENT_AT).get(0)).path("batch").get(0);
        assertEquals("u-123", e.path("distinct_id").asText());
        assertFalse(e.path("properties").has("$process_person_profile"));
        assertTrue(e.path("properties").path("$geoip_disable").asBoolean(false), "identified events too");
    }

    @Test
    void noFormatSendsAnAddress() throws Exception {
        for (Format f : Format.values()) {
            for (WireRequest r : Formats.of(f).requests("https://example.com", "k", List.of(event("x", "u", "")),
                    SENT_AT)) {
                String body = new String(r.body(), StandardCharsets.UTF_8);
                assertFalse(body.contains("\"$ip\"") || body.contains("\"ip\""), f + ": " + body);
            }
        }
    }

    @Test
    void segmentTracksWithBasicAuthFromTheWriteKey() throws Exception {
        List<WireRequest> rs = new SegmentFormat().requests("https://api.segment.io", "wk",
                List.of(event("pipeline_load", "u-1", "")), SENT_AT);
        WireRequest r = rs.get(0);
        assertEquals("https://api.segment.io/v1/batch", r.url());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("wk:".getBytes(StandardCharsets.UTF_8)),
                r.headers().get("Authorization"));
        JsonNode e = body(r).path("batch").get(0);
        assertEquals("track", e.path("type").asText());
        assertEquals("pipeline_load", e.path("event").asText());
        assertEquals("u-1", e.path("userId").asText());
        assertEquals("570816b273a41d16caacc26a797204d9", e.path("anonymousId").asText());
        assertEquals("6f1c0a2b3c4d5e6f708192a3b4c5d6e7", e.path("messageId").asText());
        assertEquals("Linux", e.path("context").path("os").path("name").asText());
        assertEquals("load", e.path("properties").path("event_name").asText());
    }

    @Test
    void segmentSplitsBatchesUnder500KbAndDropsEventsOver32Kb() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(event("e" + i, null, "x".repeat(30_000)));
        }
        Map<String, Object> huge = event("huge", null, "y".repeat(40_000));
        events.add(5, huge);
        List<WireRequest> rs = new SegmentFormat().requests("https://api.segment.io", "wk", events, SENT_AT);
        int carried = 0;
        for (WireRequest r : rs) {
            assertTrue(r.body().length <= 500 * 1024, "batch of " + r.body().length + " bytes");
            JsonNode batch = body(r).path("batch");
            assertEquals(r.events().size(), batch.size());
            for (JsonNode e : batch) {
                assertTrue(JSON.writeValueAsBytes(e).length <= 32 * 1024);
                assertFalse(e.path("event").asText().equals("huge"));
            }
            carried += batch.size();
        }
        assertTrue(rs.size() >= 3, "1.2 MB of events needs at least 3 batches: " + rs.size());
        assertEquals(40, carried, "every event but the one over 32 KB");
    }

    @Test
    void otlpTypesEveryAttributeAndNamesTheService() throws Exception {
        List<WireRequest> rs = new OtlpFormat().requests("http://localhost:4318", null,
                List.of(event("pipeline_load", null, "")), SENT_AT);
        assertEquals("http://localhost:4318/v1/logs", rs.get(0).url());
        JsonNode rl = body(rs.get(0)).path("resourceLogs").get(0);
        JsonNode resource = rl.path("resource").path("attributes");
        assertEquals("service.name", resource.get(0).path("key").asText());
        assertEquals("acme", resource.get(0).path("value").path("stringValue").asText());
        JsonNode record = rl.path("scopeLogs").get(0).path("logRecords").get(0);
        assertEquals("pipeline_load", record.path("body").path("stringValue").asText());
        assertEquals("1795256130123000000", record.path("timeUnixNano").asText());
        assertTrue(record.path("timeUnixNano").isTextual());
        JsonNode a = attributes(record);
        assertEquals("load", a.path("event_name").path("stringValue").asText());
        assertEquals(2.234885, a.path("elapsed").path("doubleValue").asDouble());
        assertTrue(a.path("elapsed").path("doubleValue").isNumber());
        assertFalse(a.path("success").path("boolValue").asBoolean(true));
        assertEquals("3", a.path("exit_code").path("intValue").textValue(), "int64 as a string");
        assertEquals("8", a.path("context.cpu").path("intValue").textValue());
        assertFalse(a.path("context.ci_run").path("boolValue").asBoolean(true));
        assertEquals("docker", a.path("context.exec_info").path("arrayValue").path("values").get(0)
                .path("stringValue").asText());
        JsonNode os = a.path("context.os").path("kvlistValue").path("values");
        assertEquals("name", os.get(0).path("key").asText());
        assertEquals("Linux", os.get(0).path("value").path("stringValue").asText());
        assertEquals("6f1c0a2b3c4d5e6f708192a3b4c5d6e7", a.path("log.record.uid").path("stringValue").asText());
    }

    /** Attributes by key. */
    static JsonNode attributes(JsonNode record) {
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        for (JsonNode kv : record.path("attributes")) {
            out.set(kv.path("key").asText(), kv.path("value"));
        }
        return out;
    }

    @Test
    void everyFormatSplitsLargeSpoolFilesIntoSeveralRequests() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            events.add(event("e" + i, null, ""));
        }
        for (Format f : Format.values()) {
            List<WireRequest> rs = Formats.of(f).requests("https://c.example.com", "k", events, SENT_AT);
            int carried = 0;
            for (WireRequest r : rs) {
                assertTrue(r.events().size() <= Formats.MAX_EVENTS_PER_REQUEST, f.tomlName());
                carried += r.events().size();
            }
            assertEquals(1200, carried, f.tomlName());
        }
    }
}
