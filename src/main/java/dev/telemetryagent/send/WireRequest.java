package dev.telemetryagent.send;

import java.util.List;
import java.util.Map;

/**
 * One HTTP POST a wire format asks for: where, with which headers and body, and which logical events it
 * carries (so that only events the collector accepted are logged as sent).
 */
public final class WireRequest {
    private final String url;
    private final Map<String, String> headers;
    private final byte[] body;
    private final List<Map<String, Object>> events;

    /** @param events the logical events the body carries */
    public WireRequest(String url, Map<String, String> headers, byte[] body, List<Map<String, Object>> events) {
        this.url = url;
        this.headers = headers;
        this.body = body;
        this.events = events;
    }

    /** Target URL. */
    public String url() {
        return url;
    }

    /** Extra request headers (Content-Type is always JSON). */
    public Map<String, String> headers() {
        return headers;
    }

    /** Request body. */
    public byte[] body() {
        return body;
    }

    /** The logical events carried. */
    public List<Map<String, Object>> events() {
        return events;
    }
}
