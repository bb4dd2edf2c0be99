package dev.telemetryagent.send;

import dev.telemetryagent.event.Event;
import java.util.Map;

/**
 * Writes events as the spool's JSON lines: exactly {@code JsonWriter.write(event.toMap())} and a line
 * break, without building that map for each event. What the events of a flush share is written once and
 * copied: the context (the same object for every event of a flush) and the head of the line up to the
 * message id (the same name, anonymous id and user id for every event of a method). Each is reused only
 * for the very values it was written from, compared by identity for the context and by equality for the
 * strings, so no event ever gets another's. At exit this code runs cold, where building a map per event
 * and writing it entry by entry was most of the cost of 1,000 events.
 */
final class EventLines {
    private Map<String, Object> context;
    private String contextJson;
    private String name;
    private String anonymousId;
    private String userId;
    private String head;

    /** Appends the event's line, line break included. */
    void append(StringBuilder sb, Event e) {
        if (head == null || !sameOrBothNull(e.name(), name) || !sameOrBothNull(e.anonymousId(), anonymousId)
                || !sameOrBothNull(e.userId(), userId)) {
            name = e.name();
            anonymousId = e.anonymousId();
            userId = e.userId();
            head = head(name, anonymousId, userId);
        }
        if (contextJson == null || e.context() != context) {
            context = e.context();
            contextJson = JsonWriter.write(context);
        }
        sb.append(head);
        JsonWriter.append(sb, e.messageId(), -1);
        sb.append(",\"timestamp\":");
        JsonWriter.append(sb, e.timestamp(), -1);
        sb.append(",\"context\":").append(contextJson).append(",\"properties\":");
        JsonWriter.append(sb, e.properties(), -1);
        sb.append("}\n");
    }

    private static String head(String name, String anonymousId, String userId) {
        StringBuilder sb = new StringBuilder(128).append("{\"event\":");
        JsonWriter.append(sb, name, -1);
        sb.append(",\"anonymousId\":");
        JsonWriter.append(sb, anonymousId, -1);
        if (userId != null) {
            sb.append(",\"userId\":");
            JsonWriter.append(sb, userId, -1);
        }
        return sb.append(",\"messageId\":").toString();
    }

    private static boolean sameOrBothNull(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
