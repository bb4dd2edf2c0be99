package dev.telemetryagent.send;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@code json} format: {@code POST <endpoint>} with {@code {"batch": [event, ...], "sentAt": ...}}, and
 * {@code Authorization: Bearer <api_key>} when a key is set. Requests stay within the telemetry collector's
 * limits with room to spare: at most {@link #MAX_REQUEST_BYTES} a body and {@link #MAX_EVENT_BYTES} an event
 * (a larger event has its largest properties truncated and marked, see {@link EventTruncation}).
 */
public final class JsonFormat implements WireFormat {
    /** The collector's limit for one event. */
    static final int MAX_EVENT_BYTES = 32 * 1024;
    /** Half the collector's 8 MiB body limit. */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    @Override
    public List<WireRequest> requests(String endpoint, String apiKey, List<Map<String, Object>> events,
            String sentAt) {
        Map<String, String> headers = apiKey == null || apiKey.isEmpty() ? Collections.<String, String>emptyMap()
                : Collections.singletonMap("Authorization", "Bearer " + apiKey);
        String head = "{\"batch\":[";
        String tail = "],\"sentAt\":" + JsonWriter.write(sentAt) + "}";
        int overhead = head.length() + tail.getBytes(StandardCharsets.UTF_8).length;

        List<WireRequest> out = new ArrayList<>();
        StringBuilder body = new StringBuilder(head);
        int bodyBytes = overhead;
        List<Map<String, Object>> carried = new ArrayList<>();
        for (Map<String, Object> e : events) {
            String json = JsonWriter.write(EventTruncation.fit(e, MAX_EVENT_BYTES));
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            boolean full = carried.size() >= Formats.MAX_EVENTS_PER_REQUEST
                    || bodyBytes + bytes + 1 > MAX_REQUEST_BYTES;
            if (full && !carried.isEmpty()) {
                out.add(new WireRequest(endpoint, headers, body.append(tail).toString()
                        .getBytes(StandardCharsets.UTF_8), carried));
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
            out.add(new WireRequest(endpoint, headers, body.append(tail).toString().getBytes(StandardCharsets.UTF_8),
                    carried));
        }
        return out;
    }
}
