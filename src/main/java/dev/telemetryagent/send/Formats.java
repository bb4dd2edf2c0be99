package dev.telemetryagent.send;

import dev.telemetryagent.config.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The wire format implementation of each configured {@link Format}. */
public final class Formats {
    private Formats() {
    }

    /** The implementation of a format. */
    public static WireFormat of(Format format) {
        switch (format) {
            case POSTHOG:
                return new PosthogFormat();
            case SEGMENT:
                return new SegmentFormat();
            case OTLP:
                return new OtlpFormat();
            case JSON:
            default:
                return new JsonFormat();
        }
    }

    /** {@code base} joined with {@code path} ({@code /batch/}), with exactly one slash between them. */
    static String join(String base, String path) {
        String b = base;
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b + path;
    }

    /** Requests carry at most this many events, whatever the format, so a body stays a few hundred KB. */
    static final int MAX_EVENTS_PER_REQUEST = 500;

    /** The events in runs of at most {@link #MAX_EVENTS_PER_REQUEST}, one run per request. */
    static List<List<Map<String, Object>>> chunks(List<Map<String, Object>> events) {
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_REQUEST) {
            out.add(events.subList(from, Math.min(events.size(), from + MAX_EVENTS_PER_REQUEST)));
        }
        return out;
    }
}
