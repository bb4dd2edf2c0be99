package dev.telemetryagent.config;

import java.util.List;

/** A whole validated agent configuration. Immutable. */
public final class AgentConfig {
    private final String source;
    private final AppSettings app;
    private final TelemetrySettings telemetry;
    private final SenderSettings sender;
    private final List<InstrumentSpec> instruments;

    /**
     * @param source path of the file it was read from, for messages
     */
    public AgentConfig(String source, AppSettings app, TelemetrySettings telemetry,
            SenderSettings sender, List<InstrumentSpec> instruments) {
        this.source = source;
        this.app = app;
        this.telemetry = telemetry;
        this.sender = sender;
        this.instruments = instruments;
    }

    /** Path of the file it was read from. */
    public String source() {
        return source;
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
