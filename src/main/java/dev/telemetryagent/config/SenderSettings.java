package dev.telemetryagent.config;

/** The {@code [sender]} table: where and how events are delivered. */
public final class SenderSettings {
    private final String endpoint;
    private final Format format;
    private final String apiKey;
    private final int timeoutMs;
    private final int maxEventsPerRun;
    private final boolean debug;

    /** All values validated; {@code endpoint} null means events are printed to stderr. */
    public SenderSettings(String endpoint, Format format, String apiKey, int timeoutMs, int maxEventsPerRun,
            boolean debug) {
        this.endpoint = endpoint;
        this.format = format;
        this.apiKey = apiKey;
        this.timeoutMs = timeoutMs;
        this.maxEventsPerRun = maxEventsPerRun;
        this.debug = debug;
    }

    /** The collector's base URL, or null to print events to stderr instead. */
    public String endpoint() {
        return endpoint;
    }

    /** Wire format. */
    public Format format() {
        return format;
    }

    /** PostHog project key or Segment write key, or null. */
    public String apiKey() {
        return apiKey;
    }

    /** Connect and read timeout of one request. */
    public int timeoutMs() {
        return timeoutMs;
    }

    /** Events recorded one by one per run; calls beyond are aggregated into summary events. */
    public int maxEventsPerRun() {
        return maxEventsPerRun;
    }

    /** Print events to stderr instead of sending them. */
    public boolean debug() {
        return debug;
    }
}
