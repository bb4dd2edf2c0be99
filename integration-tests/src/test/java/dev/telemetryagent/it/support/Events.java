package dev.telemetryagent.it.support;

import java.time.Instant;
import java.util.List;

/** Events of the contract (section 3) written by hand, for posting straight to the collector. */
public final class Events {
    private Events() {
    }

    /** A command event with the given identity, time, duration and outcome. */
    public static String command(String messageId, String anonymousId, String runId, String event, Instant ts,
                                 double elapsed, boolean success, String version) {
        return "{\"event\":\"" + event + "\",\"anonymousId\":\"" + anonymousId + "\",\"messageId\":\"" + messageId
                + "\",\"timestamp\":\"" + ts + "\",\"context\":{\"ci_run\":false,\"cpu\":2,"
                + "\"library\":{\"name\":\"acme\",\"version\":\"" + version + "\"},"
                + "\"agent\":{\"name\":\"telemetry-agent\",\"version\":\"0.1.0\"},"
                + "\"os\":{\"name\":\"Linux\",\"version\":\"6.1.0\",\"arch\":\"amd64\"},\"java\":\"17.0.15\","
                + "\"run_id\":\"" + runId + "\"},\"properties\":{\"event_category\":\"command\",\"event_name\":\""
                + event.substring(event.indexOf('_') + 1) + "\",\"elapsed\":" + elapsed + ",\"success\":" + success
                + ",\"exit_code\":" + (success ? 0 : 1)
                + (success ? "" : ",\"error_type\":\"java.io.IOException\",\"error_site\":\"com.acme.Db.open\"")
                + "}}";
    }

    /** A simple successful command event. */
    public static String simple(String messageId, Instant ts) {
        return command(messageId, "a1", "r1", "command_sync", ts, 0.5, true, "1.0.0");
    }

    /** A json format body of these events. */
    public static String batch(List<String> events) {
        return "{\"batch\":[" + String.join(",", events) + "],\"sentAt\":\"" + Instant.now() + "\"}";
    }
}
