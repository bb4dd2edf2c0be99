package dev.telemetryagent.send;

import dev.telemetryagent.config.Format;

/** The wire format implementation of each configured {@link Format}. */
public final class Formats {
    private Formats() {
    }

    /** The implementation of a format. */
    public static WireFormat of(Format format) {
        switch (format) {
            case JSON:
                return new JsonFormat();
            default:
                throw new IllegalArgumentException("format " + format.tomlName() + " is not implemented yet");
        }
    }
}
