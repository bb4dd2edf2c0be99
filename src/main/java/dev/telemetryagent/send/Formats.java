package dev.telemetryagent.send;

import dev.telemetryagent.config.Format;
import java.nio.charset.StandardCharsets;
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

    /**
     * Requests whose bodies are {@code {"batch": [...], "sentAt": ...}} of the events, each rendered as the
     * JSON at the same index of {@code rendered}: at most {@link #MAX_EVENTS_PER_REQUEST} events and
     * {@code maxBodyBytes} a body; an event whose JSON is over {@code maxEventBytes} is carried by none.
     */
    static List<WireRequest> batches(String url, Map<String, String> headers, List<Map<String, Object>> events,
            String[] rendered, String sentAt, int maxBodyBytes, int maxEventBytes) {
        String head = "{\"batch\":[";
        String tail = "],\"sentAt\":" + JsonWriter.write(sentAt) + "}";
        int overhead = head.length() + tail.getBytes(StandardCharsets.UTF_8).length;
        List<WireRequest> out = new ArrayList<>();
        StringBuilder body = new StringBuilder(head);
        int bodyBytes = overhead;
        List<Map<String, Object>> carried = new ArrayList<>();
        for (int i = 0; i < rendered.length; i++) {
            String json = rendered[i];
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxEventBytes) {
                continue;
            }
            boolean full = carried.size() >= MAX_EVENTS_PER_REQUEST || bodyBytes + bytes + 1 > maxBodyBytes;
            if (full && !carried.isEmpty()) {
                out.add(new WireRequest(url, headers, body.append(tail).toString().getBytes(StandardCharsets.UTF_8),
                        carried));
                body = new StringBuilder(head);
                bodyBytes = overhead;
                carried = new ArrayList<>();
            }
            if (!carried.isEmpty()) {
                body.append(',');
                bodyBytes++;
            }
            body.append(json);
            bodyBytes += bytes;
            carried.add(events.get(i));
        }
        if (!carried.isEmpty()) {
            out.add(new WireRequest(url, headers, body.append(tail).toString().getBytes(StandardCharsets.UTF_8),
                    carried));
        }
        return out;
    }

    /** The events in runs of at most {@link #MAX_EVENTS_PER_REQUEST}, one run per request. */
    static List<List<Map<String, Object>>> chunks(List<Map<String, Object>> events) {
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_REQUEST) {
            out.add(events.subList(from, Math.min(events.size(), from + MAX_EVENTS_PER_REQUEST)));
        }
        return out;
    }
}
