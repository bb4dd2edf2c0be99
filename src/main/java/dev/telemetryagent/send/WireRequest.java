package dev.telemetryagent.send;

import java.util.Map;

/** One HTTP POST a wire format asks for: where, with which headers and body, carrying how many events. */
public final class WireRequest {
    private final String url;
    private final Map<String, String> headers;
    private final byte[] body;
    private final int events;

    /** @param events how many events the body carries */
    public WireRequest(String url, Map<String, String> headers, byte[] body, int events) {
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

    /** Events carried. */
    public int events() {
        return events;
    }
}
