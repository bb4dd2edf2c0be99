package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Collector;
import dev.telemetryagent.it.support.Configs;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The path past one database (docs/SCALING.md): the agent's {@code otlp} output, from the real agent jar in a
 * child JVM, parsed strictly (an unknown field fails) as an OTLP {@code ExportLogsServiceRequest} with the
 * official protobuf definitions and protobuf's {@code JsonFormat}, as an OpenTelemetry Collector's OTLP/HTTP
 * receiver parses it.
 */
class OtlpReceiverIT extends AgentIT {

    private ExportLogsServiceRequest send(String... args) throws Exception {
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("")
                + "[sender]\nendpoint = \"" + collector.url() + "\"\nformat = \"otlp\"\n\n" + Configs.picocli());
        ChildJvm.Result r = cli(args).config(config).run();
        assertTrue(r.agentLines().isEmpty(), r.stderr);
        List<Collector.Request> requests = collector.awaitRequests(1, Duration.ofSeconds(20));
        Collector.Request req = requests.get(requests.size() - 1);
        assertEquals("/v1/logs", req.path);
        ExportLogsServiceRequest.Builder parsed = ExportLogsServiceRequest.newBuilder();
        JsonFormat.parser().merge(req.bodyText(), parsed);
        return parsed.build();
    }

    private static Map<String, AnyValue> attributes(List<KeyValue> kvs) {
        Map<String, AnyValue> out = new HashMap<>();
        for (KeyValue kv : kvs) {
            assertFalse(out.containsKey(kv.getKey()), "attribute twice: " + kv.getKey());
            out.put(kv.getKey(), kv.getValue());
        }
        return out;
    }

    @Test
    void aCommandsEventIsAValidOtlpLogRecord() throws Exception {
        ExportLogsServiceRequest request = send("hello", "--name", "bob");
        assertEquals(1, request.getResourceLogsCount());
        ResourceLogs rl = request.getResourceLogs(0);
        assertEquals("sample", attributes(rl.getResource().getAttributesList()).get("service.name").getStringValue());
        LogRecord rec = rl.getScopeLogs(0).getLogRecords(0);
        assertEquals("command_hello", rec.getBody().getStringValue());
        assertTrue(rec.getTimeUnixNano() > 1_700_000_000_000_000_000L, "nanoseconds since the epoch");
        Map<String, AnyValue> a = attributes(rec.getAttributesList());
        assertEquals("hello", a.get("event_name").getStringValue());
        assertTrue(a.get("success").getBoolValue());
        assertEquals(0, a.get("exit_code").getIntValue());
        assertEquals(AnyValue.ValueCase.DOUBLE_VALUE, a.get("elapsed").getValueCase());
        assertEquals("--name", a.get("options").getArrayValue().getValues(0).getStringValue());
        assertEquals(AnyValue.ValueCase.KVLIST_VALUE, a.get("context.os").getValueCase());
        assertFalse(request.toString().contains("bob"), "no argument value leaves");
    }

    @Test
    void aFailedCommandsEventIsAValidOtlpLogRecord() throws Exception {
        ExportLogsServiceRequest request = send("fail");
        LogRecord rec = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        Map<String, AnyValue> a = attributes(rec.getAttributesList());
        assertEquals("command_fail", rec.getBody().getStringValue());
        assertFalse(a.get("success").getBoolValue(), a.toString());
        assertEquals(rec.getBody().getStringValue(), a.get("event.name").getStringValue());
        assertFalse(a.get("log.record.uid").getStringValue().isEmpty(), "the messageId, to deduplicate by");
    }
}
