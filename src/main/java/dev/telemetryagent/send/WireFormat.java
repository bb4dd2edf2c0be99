package dev.telemetryagent.send;

import java.util.List;
import java.util.Map;

/**
 * Renders logical events (the contract's JSON objects) as the HTTP requests of one wire format. An
 * event that no request carries was dropped by the format (too large for it) and is counted as such.
 */
public interface WireFormat {
    /**
     * @param endpoint the configured base URL
     * @param apiKey PostHog project key or Segment write key, or null
     * @param events logical events, as parsed from the spool
     * @param sentAt ISO-8601 time of sending
     */
    List<WireRequest> requests(String endpoint, String apiKey, List<Map<String, Object>> events, String sentAt);
}
