package dev.telemetryagent.send;

import dev.telemetryagent.config.Format;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the telemetry collector's 2xx reply to a {@code json} request, {@code {"accepted": A, "duplicates": D,
 * "rejected": R}}: the events it refused (too large, missing fields) are counted as rejected, not delivered.
 */
final class CollectorReply {
    private CollectorReply() {
    }

    /**
     * How many of the request's {@code carried} events the reply says were rejected: 0 for another format or a
     * reply without the count, never more than {@code carried}.
     */
    static int rejected(Format format, byte[] body, int carried) {
        if (format != Format.JSON || body.length == 0) {
            return 0;
        }
        try {
            Object reply = JsonReader.read(new String(body, StandardCharsets.UTF_8));
            if (reply instanceof Map) {
                Object r = ((Map<?, ?>) reply).get("rejected");
                if (r instanceof Long) {
                    return (int) Math.max(0L, Math.min(carried, (Long) r));
                }
            }
        } catch (RuntimeException notJson) {
            // Another endpoint's reply: nothing to count.
        }
        return 0;
    }
}
