package dev.telemetryagent.send;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits an event within a size limit by truncating its largest properties, never by dropping it: the longest
 * text property is cut (ending in {@link #MARK}) until the event fits, and the event carries
 * {@code "truncated": true} in its properties.
 */
final class EventTruncation {
    /** What a cut text ends with. */
    static final String MARK = "[truncated]";
    private static final int MAX_CUTS = 64;

    private EventTruncation() {
    }

    /** {@code event} itself when its JSON is within {@code limit} bytes, else a truncated copy. */
    static Map<String, Object> fit(Map<String, Object> event, int limit) {
        int size = bytes(event);
        if (size <= limit || !(event.get("properties") instanceof Map)) {
            return event;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) event.get("properties"));
        properties.put("truncated", Boolean.TRUE);
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("properties", properties);
        for (int cut = 0; cut < MAX_CUTS && (size = bytes(copy)) > limit; cut++) {
            String longest = null;
            int longestLength = MARK.length();
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                Object v = p.getValue();
                int length = v instanceof String ? ((String) v).length() : JsonWriter.write(v).length();
                if (length > longestLength) {
                    longest = p.getKey();
                    longestLength = length;
                }
            }
            if (longest == null) {
                break;
            }
            Object v = properties.get(longest);
            if (v instanceof String) {
                String s = (String) v;
                int keep = Math.max(0, s.length() - (size - limit) - MARK.length());
                if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
                    keep--;
                }
                properties.put(longest, s.substring(0, keep) + MARK);
            } else {
                properties.put(longest, MARK);
            }
        }
        return copy;
    }

    /** The size of the event's JSON text in UTF-8. */
    static int bytes(Object value) {
        return JsonWriter.write(value).getBytes(StandardCharsets.UTF_8).length;
    }
}
