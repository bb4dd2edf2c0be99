package dev.telemetryagent.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetryagent.collector.store.StoredEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Checks one event of the contract (section 3) and turns it into a row: the four required fields must be
 * non-empty strings (timestamp an ISO-8601 UTC instant), and every known optional field, when present, must have
 * its type, so that a column never holds a value of another kind.
 */
final class EventValidator {

    /** An event that fails the contract, with its reason. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final RejectReason reason;

        Rejected(RejectReason reason) {
            super(reason.label(), null, false, false);
            this.reason = reason;
        }
    }

    private EventValidator() {
    }

    static StoredEvent validate(ObjectNode e) throws Rejected {
        String event = required(e, "event");
        String messageId = required(e, "messageId");
        String anonymousId = required(e, "anonymousId");
        Instant timestamp = timestamp(required(e, "timestamp"));
        String userId = text(e, "userId");
        JsonNode context = object(e, "context");
        JsonNode properties = object(e, "properties");
        JsonNode library = object(context, "library");
        JsonNode agent = object(context, "agent");
        JsonNode os = object(context, "os");
        boolean summary = Boolean.TRUE.equals(bool(properties, "summary"));
        return new StoredEvent(messageId, event, anonymousId, userId, timestamp,
                text(library, "name"), text(library, "version"), text(agent, "version"), text(context, "run_id"),
                text(os, "name"), text(os, "version"), text(os, "arch"), text(context, "java"),
                bool(context, "ci_run"), integer(context, "cpu"), names(context, "exec_info"),
                text(properties, "event_category"), text(properties, "event_name"), number(properties, "elapsed"),
                bool(properties, "success"), integer(properties, "exit_code"), bool(properties, "usage_error"),
                names(properties, "options"), text(properties, "error_type"), text(properties, "error_root_type"),
                text(properties, "error_site"), text(properties, "error_fingerprint"), summary,
                whole(properties, "count"), whole(properties, "failures"),
                context == null ? null : context.toString(), properties == null ? null : properties.toString());
    }

    private static String required(JsonNode node, String field) throws Rejected {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new Rejected(RejectReason.MISSING_FIELD);
        }
        if (!v.isTextual()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        if (v.textValue().isEmpty()) {
            throw new Rejected(RejectReason.MISSING_FIELD);
        }
        return v.textValue();
    }

    private static Instant timestamp(String text) throws Rejected {
        if (!text.endsWith("Z")) {
            throw new Rejected(RejectReason.BAD_TIMESTAMP);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ex) {
            throw new Rejected(RejectReason.BAD_TIMESTAMP);
        }
    }

    private static JsonNode present(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private static JsonNode object(JsonNode node, String field) throws Rejected {
        JsonNode v = present(node, field);
        if (v != null && !v.isObject()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        return v;
    }

    private static String text(JsonNode node, String field) throws Rejected {
        JsonNode v = present(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        return v.textValue();
    }

    private static Boolean bool(JsonNode node, String field) throws Rejected {
        JsonNode v = present(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        return v.booleanValue();
    }

    private static Integer integer(JsonNode node, String field) throws Rejected {
        JsonNode v = present(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        return v.intValue();
    }

    private static Long whole(JsonNode node, String field) throws Rejected {
        JsonNode v = present(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        return v.longValue();
    }

    private static Double number(JsonNode node, String field) throws Rejected {
        JsonNode v = present(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        return v.doubleValue();
    }

    /** An array of names ({@code exec_info}, {@code options}) as one comma-joined column. */
    private static String names(JsonNode node, String field) throws Rejected {
        JsonNode v = present(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw new Rejected(RejectReason.WRONG_TYPE);
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.textValue().indexOf(',') >= 0) {
                throw new Rejected(RejectReason.WRONG_TYPE);
            }
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(item.textValue());
        }
        return joined.toString();
    }
}
