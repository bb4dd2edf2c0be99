package dev.telemetryagent.send;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code segment} format: {@code POST <endpoint>/v1/batch}, HTTP Basic auth with the write key as user
 * name, {@code type: "track"} events. Segment refuses an event over 32 KB and a batch over 500 KB, so
 * batches are split below that, and an event that alone is over 32 KB is dropped (and counted by the
 * caller, as every event no request carries).
 */
public final class SegmentFormat implements WireFormat {
    /** Segment's limit for one event. */
    static final int MAX_EVENT_BYTES = 32 * 1024;
    /** Segment's limit for one batch request. */
    static final int MAX_BATCH_BYTES = 500 * 1024;

    @Override
    public List<WireRequest> requests(String endpoint, String apiKey, List<Map<String, Object>> events,
            String sentAt) {
        String url = Formats.join(endpoint, "/v1/batch");
        Map<String, String> headers = Collections.singletonMap("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(((apiKey == null ? "" : apiKey) + ":").getBytes(StandardCharsets.UTF_8)));
        String[] rendered = new String[events.size()];
        for (int i = 0; i < rendered.length; i++) {
            rendered[i] = JsonWriter.write(track(events.get(i)));
        }
        return Formats.batches(url, headers, events, rendered, sentAt, MAX_BATCH_BYTES, MAX_EVENT_BYTES);
    }

    /** One Segment track call of a logical event. */
    static Map<String, Object> track(Map<String, Object> e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "track");
        out.put("event", e.get("event"));
        out.put("anonymousId", e.get("anonymousId"));
        if (e.get("userId") != null) {
            out.put("userId", e.get("userId"));
        }
        out.put("messageId", e.get("messageId"));
        out.put("timestamp", e.get("timestamp"));
        out.put("context", e.get("context"));
        out.put("properties", e.get("properties"));
        return out;
    }
}
