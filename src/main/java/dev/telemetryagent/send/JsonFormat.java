package dev.telemetryagent.send;

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
        String[] rendered = new String[events.size()];
        for (int i = 0; i < rendered.length; i++) {
            rendered[i] = JsonWriter.write(EventTruncation.fit(events.get(i), MAX_EVENT_BYTES));
        }
        // Truncation keeps every event within the limit: none is left out.
        return Formats.batches(endpoint, headers, events, rendered, sentAt, MAX_REQUEST_BYTES, Integer.MAX_VALUE);
    }
}
