package dev.telemetryagent.config;

import java.util.List;

/** A whole validated agent configuration. Immutable. */
public final class AgentConfig {
    private final String source;
    private final long contentHash;
    private final AppSettings app;
    private final TelemetrySettings telemetry;
    private final SenderSettings sender;
    private final List<InstrumentSpec> instruments;

    /**
     * @param source path of the file it was read from, for messages
     * @param contentHash hash of the file's bytes, for caches keyed by the configuration
     */
    public AgentConfig(String source, long contentHash, AppSettings app, TelemetrySettings telemetry,
            SenderSettings sender, List<InstrumentSpec> instruments) {
        this.source = source;
        this.contentHash = contentHash;
        this.app = app;
        this.telemetry = telemetry;
        this.sender = sender;
        this.instruments = instruments;
    }

    /** Path of the file it was read from. */
    public String source() {
        return source;
    }

    /** Hash of the file's bytes. */
    public long contentHash() {
        return contentHash;
    }

    /** {@code [app]}. */
    public AppSettings app() {
        return app;
    }

    /** {@code [telemetry]}. */
    public TelemetrySettings telemetry() {
        return telemetry;
    }

    /** {@code [sender]}. */
    public SenderSettings sender() {
        return sender;
    }

    /** {@code [[instrument]]} entries, in file order. */
    public List<InstrumentSpec> instruments() {
        return instruments;
    }

    /** Whether an entry asks for picocli commands. */
    public boolean instrumentsPicocli() {
        for (InstrumentSpec spec : instruments) {
            if (spec.picocli()) {
                return true;
            }
        }
        return false;
    }
}
