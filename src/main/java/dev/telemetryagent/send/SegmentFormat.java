package dev.telemetryagent.send;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        String tail = "],\"sentAt\":" + JsonWriter.write(sentAt) + "}";
        String head = "{\"batch\":[";
        int overhead = head.length() + tail.getBytes(StandardCharsets.UTF_8).length;

        List<WireRequest> out = new ArrayList<>();
        StringBuilder body = new StringBuilder(head);
        int bodyBytes = overhead;
        List<Map<String, Object>> carried = new ArrayList<>();
        for (Map<String, Object> e : events) {
            String json = JsonWriter.write(track(e));
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_EVENT_BYTES) {
                continue;
            }
            boolean full = carried.size() >= Formats.MAX_EVENTS_PER_REQUEST
                    || bodyBytes + bytes + 1 > MAX_BATCH_BYTES;
            if (full && !carried.isEmpty()) {
                out.add(request(url, headers, body.append(tail), carried));
                body = new StringBuilder(head);
                bodyBytes = overhead;
                carried = new ArrayList<>();
            }
            if (!carried.isEmpty()) {
                body.append(',');
                bodyBytes++;
            }
            body.append(json);
            bodyBytes += bytes;
            carried.add(e);
        }
        if (!carried.isEmpty()) {
            out.add(request(url, headers, body.append(tail), carried));
        }
        return out;
    }

    private static WireRequest request(String url, Map<String, String> headers, StringBuilder body,
            List<Map<String, Object>> carried) {
        return new WireRequest(url, headers, body.toString().getBytes(StandardCharsets.UTF_8), carried);
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
