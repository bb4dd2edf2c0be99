package dev.telemetryagent.event;

import java.util.Map;

/**
 * One logical event, as the contract's section 3 defines it. Every wire format is a rendering of it;
 * the {@code json} format sends exactly {@link #toMap()}.
 */
public final class Event {
    private final String name;
    private final String anonymousId;
    private final String userId;
    private final String messageId;
    private final String timestamp;
    private final Map<String, Object> context;
    private final Map<String, Object> properties;

    /** @param userId null unless the mode is identified */
    public Event(String name, String anonymousId, String userId, String messageId, String timestamp,
            Map<String, Object> context, Map<String, Object> properties) {
        this.name = name;
        this.anonymousId = anonymousId;
        this.userId = userId;
        this.messageId = messageId;
        this.timestamp = timestamp;
        this.context = context;
        this.properties = properties;
    }

    /** The event name ({@code pipeline_load}, {@code command_data_load}). */
    public String name() {
        return name;
    }

    /** The install's random id. */
    public String anonymousId() {
        return anonymousId;
    }

    /** The user id in identified mode, else null. */
    public String userId() {
        return userId;
    }

    /** Random id of this event, for deduplication by the receiver. */
    public String messageId() {
        return messageId;
    }

    /** ISO-8601 UTC time. */
    public String timestamp() {
        return timestamp;
    }

    /** The run's context (os, java, cpu, library, agent, run id, ...). */
    public Map<String, Object> context() {
        return context;
    }

    /** The event's properties. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The event as the contract's JSON object, keys in contract order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("event", name);
        m.put("anonymousId", anonymousId);
        if (userId != null) {
            m.put("userId", userId);
        }
        m.put("messageId", messageId);
        m.put("timestamp", timestamp);
        m.put("context", context);
        m.put("properties", properties);
        return m;
    }
}
