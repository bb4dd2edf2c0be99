package dev.telemetryagent.send;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code json} format: {@code POST <endpoint>} with {@code {"batch": [event, ...], "sentAt": ...}}. */
public final class JsonFormat implements WireFormat {
    @Override
    public List<WireRequest> requests(String endpoint, String apiKey, List<Map<String, Object>> events,
            String sentAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch", events);
        body.put("sentAt", sentAt);
        return Collections.singletonList(new WireRequest(endpoint, Collections.<String, String>emptyMap(),
                JsonWriter.write(body).getBytes(StandardCharsets.UTF_8), events.size()));
    }
}
