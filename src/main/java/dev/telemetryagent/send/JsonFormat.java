package dev.telemetryagent.send;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code json} format: {@code POST <endpoint>} with {@code {"batch": [event, ...], "sentAt": ...}}. */
public final class JsonFormat implements WireFormat {
    @Override
    public List<WireRequest> requests(String endpoint, String apiKey, List<Map<String, Object>> events,
            String sentAt) {
        List<WireRequest> out = new ArrayList<>();
        for (List<Map<String, Object>> chunk : Formats.chunks(events)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("batch", chunk);
            body.put("sentAt", sentAt);
            out.add(new WireRequest(endpoint, Collections.<String, String>emptyMap(),
                    JsonWriter.write(body).getBytes(StandardCharsets.UTF_8), chunk));
        }
        return out;
    }
}
