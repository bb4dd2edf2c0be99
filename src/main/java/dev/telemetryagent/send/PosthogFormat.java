package dev.telemetryagent.send;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code posthog} format: {@code POST <endpoint>/batch/} with {@code {"api_key", "batch": [...]}}.
 * PostHog has no context object, so the context is flattened into the properties ({@code os_name},
 * {@code library_version}, ...). {@code distinct_id} is the user id in identified mode, else the
 * anonymous id; anonymous events carry {@code $process_person_profile: false} so PostHog creates no
 * person profile for them. Every event carries {@code $geoip_disable: true} and no {@code $ip}, so PostHog
 * resolves no location from the request's address. EU and self-hosted instances are just other endpoints.
 */
public final class PosthogFormat implements WireFormat {
    /** The {@code $lib} every event carries. */
    static final String LIB = "telemetry-agent";

    @Override
    public List<WireRequest> requests(String endpoint, String apiKey, List<Map<String, Object>> events,
            String sentAt) {
        String url = Formats.join(endpoint, "/batch/");
        List<WireRequest> out = new ArrayList<>();
        for (List<Map<String, Object>> chunk : Formats.chunks(events)) {
            List<Object> batch = new ArrayList<>(chunk.size());
            for (Map<String, Object> e : chunk) {
                batch.add(event(e));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("api_key", apiKey == null ? "" : apiKey);
            body.put("batch", batch);
            body.put("sent_at", sentAt);
            out.add(new WireRequest(url, Collections.<String, String>emptyMap(),
                    JsonWriter.write(body).getBytes(StandardCharsets.UTF_8), chunk));
        }
        return out;
    }

    /** One PostHog event of a logical event. */
    static Map<String, Object> event(Map<String, Object> e) {
        Object userId = e.get("userId");
        Map<String, Object> props = new LinkedHashMap<>();
        Object context = e.get("context");
        if (context instanceof Map) {
            flatten(props, "", (Map<?, ?>) context);
        }
        Object properties = e.get("properties");
        if (properties instanceof Map) {
            for (Map.Entry<?, ?> p : ((Map<?, ?>) properties).entrySet()) {
                props.put(String.valueOf(p.getKey()), p.getValue());
            }
        }
        // PostHog would turn the request's address into a location, and takes "$ip" as an address.
        props.remove("$ip");
        props.put("$geoip_disable", Boolean.TRUE);
        props.put("$lib", LIB);
        Object agentVersion = props.get("agent_version");
        if (agentVersion != null) {
            props.put("$lib_version", agentVersion);
        }
        if (userId == null) {
            props.put("$process_person_profile", Boolean.FALSE);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", e.get("event"));
        out.put("distinct_id", userId != null ? userId : e.get("anonymousId"));
        out.put("timestamp", e.get("timestamp"));
        out.put("uuid", uuid(String.valueOf(e.get("messageId"))));
        out.put("properties", props);
        return out;
    }

    /** Nested maps become {@code outer_inner} keys; lists and scalars stay as they are. */
    private static void flatten(Map<String, Object> into, String prefix, Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map) {
                flatten(into, key + "_", (Map<?, ?>) entry.getValue());
            } else {
                into.put(key, entry.getValue());
            }
        }
    }

    /** PostHog wants a UUID: the 32-hex message id with the usual dashes. */
    static String uuid(String hex) {
        if (hex.length() != 32) {
            return hex;
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
