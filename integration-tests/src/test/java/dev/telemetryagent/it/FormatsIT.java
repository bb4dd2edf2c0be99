package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Collector;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import dev.telemetryagent.it.support.SenderProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each wire format, as it arrives at a real collector on 127.0.0.1 after a picocli command. */
class FormatsIT extends AgentIT {

    /** Runs {@code sample hello --name bob} with this format and returns the one request that arrives. */
    private Collector.Request runWith(String format, String telemetry, String endpointPath) throws Exception {
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header(telemetry)
                + "[sender]\nendpoint = \"" + collector.url() + endpointPath + "\"\nformat = \"" + format + "\"\n"
                + "api_key = \"key-123\"\n\n" + Configs.picocli());
        ChildJvm.Result r = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli")
                .args("hello", "--name", "bob").config(config).run();
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("Hello, bob!\n", r.stdout);
        assertTrue(r.agentLines().isEmpty(), r.stderr);
        List<Collector.Request> requests = collector.awaitRequests(1, Duration.ofSeconds(10));
        awaitSpoolsEmpty();
        assertEquals(1, collector.requestCount(), "one request");
        Collector.Request req = requests.get(0);
        assertEquals("POST", req.method);
        assertTrue(req.headers.get("Content-Type").startsWith("application/json"), req.headers.toString());
        assertFalse(req.bodyText().contains("bob"), "no argument value leaves");
        return req;
    }

    @Test
    void jsonPostsTheContractEventsToTheEndpointItself() throws Exception {
        Collector.Request req = runWith("json", "", "/ingest/events");
        assertEquals("/ingest/events", req.path);
        JsonNode body = req.json();
        assertEquals(List.of("batch", "sentAt"), fieldNames(body));
        JsonNode e = body.path("batch").get(0);
        assertEquals(List.of("event", "anonymousId", "messageId", "timestamp", "context", "properties"),
                fieldNames(e));
        assertEquals("command_hello", e.path("event").asText());
        assertEquals("[\"--name\"]", e.path("properties").path("options").toString());
        List<String> sent = SenderProcesses.sentLog(home);
        assertEquals(1, sent.size(), "sent.jsonl records the event sent");
        assertTrue(sent.get(0).contains(e.path("messageId").asText()));
    }

    @Test
    void posthogBatchesWithApiKeyDistinctIdUuidAndNoPersonProfileForAnonymousEvents() throws Exception {
        Collector.Request req = runWith("posthog", "", "");
        assertEquals("/batch/", req.path);
        JsonNode body = req.json();
        assertEquals("key-123", body.path("api_key").asText());
        JsonNode e = body.path("batch").get(0);
        assertEquals("command_hello", e.path("event").asText());
        assertTrue(e.path("distinct_id").asText().matches("[0-9a-f]{32}"), "the anonymous id");
        assertTrue(e.path("uuid").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertTrue(e.path("timestamp").asText().endsWith("Z"));
        JsonNode p = e.path("properties");
        assertEquals("telemetry-agent", p.path("$lib").asText());
        assertTrue(p.path("$process_person_profile").isBoolean());
        assertFalse(p.path("$process_person_profile").asBoolean());
        assertTrue(p.path("$geoip_disable").isBoolean() && p.path("$geoip_disable").asBoolean(),
                "PostHog must not turn the request's address into a location");
        assertFalse(p.has("$ip"));
        assertEquals("hello", p.path("event_name").asText());
        assertEquals("sample", p.path("library_name").asText(), "context flattened");
        assertEquals(System.getProperty("os.name"), p.path("os_name").asText());
        assertFalse(p.has("context"));
    }

    @Test
    void posthogIdentifiedEventsUseTheUserId() throws Exception {
        Collector.Request req = runWith("posthog", "mode = \"identified\"\nuser_id = \"u-123\"\n", "");
        JsonNode e = req.json().path("batch").get(0);
        assertEquals("u-123", e.path("distinct_id").asText());
        assertFalse(e.path("properties").has("$process_person_profile"));
        assertTrue(e.path("properties").path("$geoip_disable").asBoolean(false));
    }

    @Test
    void segmentTracksWithBasicAuthFromTheWriteKey() throws Exception {
        Collector.Request req = runWith("segment", "mode = \"identified\"\nuser_id = \"u-123\"\n", "/");
        assertEquals("/v1/batch", req.path);
        assertEquals("Basic " + Base64.getEncoder().encodeToString("key-123:".getBytes(StandardCharsets.UTF_8)),
                req.headers.get("Authorization"));
        JsonNode e = req.json().path("batch").get(0);
        assertEquals(List.of("type", "event", "anonymousId", "userId", "messageId", "timestamp", "context",
                "properties"), fieldNames(e));
        assertEquals("track", e.path("type").asText());
        assertEquals("command_hello", e.path("event").asText());
        assertEquals("u-123", e.path("userId").asText());
        assertEquals("sample", e.path("context").path("library").path("name").asText());
        assertEquals("hello", e.path("properties").path("event_name").asText());
    }

    @Test
    void otlpSendsOneTypedLogRecordPerEventUnderTheServiceName() throws Exception {
        Collector.Request req = runWith("otlp", "", "");
        assertEquals("/v1/logs", req.path);
        JsonNode rl = req.json().path("resourceLogs").get(0);
        JsonNode res = rl.path("resource").path("attributes").get(0);
        assertEquals("service.name", res.path("key").asText());
        assertEquals("sample", res.path("value").path("stringValue").asText());
        JsonNode records = rl.path("scopeLogs").get(0).path("logRecords");
        assertEquals(1, records.size());
        JsonNode rec = records.get(0);
        assertEquals("command_hello", rec.path("body").path("stringValue").asText());
        assertTrue(rec.path("timeUnixNano").asText().matches("\\d{19}"));
        JsonNode a = attributes(rec);
        assertEquals("hello", a.path("event_name").path("stringValue").asText());
        assertTrue(a.path("success").path("boolValue").asBoolean());
        assertEquals("0", a.path("exit_code").path("intValue").textValue());
        assertTrue(a.path("elapsed").path("doubleValue").isNumber());
        assertEquals("--name", a.path("options").path("arrayValue").path("values").get(0).path("stringValue")
                .asText());
        assertTrue(a.path("context.cpu").path("intValue").isTextual());
        assertTrue(a.path("context.ci_run").path("boolValue").isBoolean());
        assertTrue(a.path("context.exec_info").has("arrayValue"));
        assertTrue(a.path("context.os").path("kvlistValue").path("values").isArray());
    }

    private static JsonNode attributes(JsonNode record) {
        com.fasterxml.jackson.databind.node.ObjectNode out = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        for (JsonNode kv : record.path("attributes")) {
            out.set(kv.path("key").asText(), kv.path("value"));
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
