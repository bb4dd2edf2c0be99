package dev.telemetryagent.send;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code otlp} format: OTLP/HTTP JSON to {@code <endpoint>/v1/logs}, so that events can flow into an
 * OpenTelemetry Collector and from there anywhere. One log record per event, the event name as body;
 * properties and {@code context.*} as attributes typed per the OTLP JSON mapping (64-bit integers as
 * strings, nested maps as {@code kvlistValue}, lists as {@code arrayValue}); {@code service.name} is the
 * application's name.
 */
public final class OtlpFormat implements WireFormat {
    /** Severity of every record: INFO. */
    static final int SEVERITY_INFO = 9;

    @Override
    public List<WireRequest> requests(String endpoint, String apiKey, List<Map<String, Object>> events,
            String sentAt) {
        String url = Formats.join(endpoint, "/v1/logs");
        List<WireRequest> out = new ArrayList<>();
        for (List<Map<String, Object>> chunk : Formats.chunks(events)) {
            out.add(new WireRequest(url, Collections.<String, String>emptyMap(),
                    JsonWriter.write(body(chunk)).getBytes(StandardCharsets.UTF_8), chunk));
        }
        return out;
    }

    /** The ExportLogsServiceRequest of some events: one resource per application name and version. */
    static Map<String, Object> body(List<Map<String, Object>> events) {
        Map<String, List<Object>> recordsByService = new LinkedHashMap<>();
        Map<String, Map<String, Object>> library = new LinkedHashMap<>();
        Map<String, Object> agent = Collections.emptyMap();
        for (Map<String, Object> e : events) {
            Map<?, ?> context = e.get("context") instanceof Map ? (Map<?, ?>) e.get("context")
                    : Collections.emptyMap();
            Map<String, Object> lib = asMap(context.get("library"));
            if (context.get("agent") instanceof Map) {
                agent = asMap(context.get("agent"));
            }
            String key = lib.get("name") + "\n" + lib.get("version");
            library.put(key, lib);
            List<Object> records = recordsByService.get(key);
            if (records == null) {
                records = new ArrayList<>();
                recordsByService.put(key, records);
            }
            records.add(record(e));
        }
        List<Object> resourceLogs = new ArrayList<>();
        for (Map.Entry<String, List<Object>> group : recordsByService.entrySet()) {
            Map<String, Object> lib = library.get(group.getKey());
            List<Object> resourceAttributes = new ArrayList<>();
            resourceAttributes.add(attribute("service.name", String.valueOf(lib.get("name"))));
            if (lib.get("version") != null) {
                resourceAttributes.add(attribute("service.version", String.valueOf(lib.get("version"))));
            }
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("name", PosthogFormat.LIB);
            if (agent.get("version") != null) {
                scope.put("version", String.valueOf(agent.get("version")));
            }
            Map<String, Object> scopeLogs = new LinkedHashMap<>();
            scopeLogs.put("scope", scope);
            scopeLogs.put("logRecords", group.getValue());
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("attributes", resourceAttributes);
            Map<String, Object> rl = new LinkedHashMap<>();
            rl.put("resource", resource);
            rl.put("scopeLogs", Collections.singletonList(scopeLogs));
            resourceLogs.add(rl);
        }
        return Collections.<String, Object>singletonMap("resourceLogs", resourceLogs);
    }

    private static Map<String, Object> record(Map<String, Object> e) {
        List<Object> attributes = new ArrayList<>();
        addAttribute(attributes, "event.name", e.get("event"));
        addAttribute(attributes, "log.record.uid", e.get("messageId"));
        addAttribute(attributes, "anonymousId", e.get("anonymousId"));
        addAttribute(attributes, "userId", e.get("userId"));
        if (e.get("properties") instanceof Map) {
            for (Map.Entry<?, ?> p : ((Map<?, ?>) e.get("properties")).entrySet()) {
                addAttribute(attributes, String.valueOf(p.getKey()), p.getValue());
            }
        }
        if (e.get("context") instanceof Map) {
            for (Map.Entry<?, ?> c : ((Map<?, ?>) e.get("context")).entrySet()) {
                addAttribute(attributes, "context." + c.getKey(), c.getValue());
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        String nanos = unixNanos(e.get("timestamp"));
        if (nanos != null) {
            r.put("timeUnixNano", nanos);
            r.put("observedTimeUnixNano", nanos);
        }
        r.put("severityNumber", SEVERITY_INFO);
        r.put("severityText", "INFO");
        r.put("body", Collections.singletonMap("stringValue", String.valueOf(e.get("event"))));
        r.put("attributes", attributes);
        return r;
    }

    private static void addAttribute(List<Object> attributes, String key, Object value) {
        if (value != null) {
            attributes.add(attribute(key, value));
        }
    }

    private static Map<String, Object> attribute(String key, Object value) {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("key", key);
        kv.put("value", anyValue(value));
        return kv;
    }

    /** The OTLP AnyValue of a JSON value. */
    static Map<String, Object> anyValue(Object v) {
        if (v instanceof Boolean) {
            return Collections.<String, Object>singletonMap("boolValue", v);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            // int64 is a string in OTLP JSON
            return Collections.<String, Object>singletonMap("intValue", String.valueOf(v));
        }
        if (v instanceof Number) {
            return Collections.<String, Object>singletonMap("doubleValue", v);
        }
        if (v instanceof Map) {
            List<Object> values = new ArrayList<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) v).entrySet()) {
                if (entry.getValue() != null) {
                    values.add(attribute(String.valueOf(entry.getKey()), entry.getValue()));
                }
            }
            return Collections.<String, Object>singletonMap("kvlistValue",
                    Collections.<String, Object>singletonMap("values", values));
        }
        if (v instanceof Collection) {
            List<Object> values = new ArrayList<>();
            for (Object o : (Collection<?>) v) {
                if (o != null) {
                    values.add(anyValue(o));
                }
            }
            return Collections.<String, Object>singletonMap("arrayValue",
                    Collections.<String, Object>singletonMap("values", values));
        }
        return Collections.<String, Object>singletonMap("stringValue", String.valueOf(v));
    }

    private static String unixNanos(Object timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            Instant t = Instant.parse(String.valueOf(timestamp));
            return Long.toString(t.getEpochSecond() * 1_000_000_000L + t.getNano());
        } catch (DateTimeParseException e) {
            return null;
        }
    }


    private static Map<String, Object> asMap(Object o) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (o instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                m.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        return m;
    }
}
