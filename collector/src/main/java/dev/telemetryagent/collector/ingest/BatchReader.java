package dev.telemetryagent.collector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetryagent.collector.store.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code json} format body with Jackson's streaming parser, straight from the request (the body is never
 * buffered whole), and validates each event as it goes. An event's tree is built only while its text stays within
 * the event limit: past it, the rest of the event is skipped token by token, so one request holds at most one
 * event's worth of tree at a time.
 */
public final class BatchReader {
    /** The largest event stored, in bytes of its JSON text. */
    public static final int EVENT_LIMIT = 32 * 1024;
    /** The largest body read, in bytes. */
    public static final long BODY_LIMIT = 8L * 1024 * 1024;

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BatchReader() {
    }

    /**
     * Reads and validates a whole body; throws {@link BadRequestException} for a body that is not the format,
     * and {@link BodyTooLargeException} once it passes {@link #BODY_LIMIT}. Leaves {@code body} open: its caller
     * may still have to read what is left of it.
     */
    public static ParsedBatch read(InputStream body) throws IOException, BadRequestException {
        try (JsonParser p = JSON.createParser(new LimitedInputStream(body, BODY_LIMIT))) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException("the body is not a JSON object");
            }
            ParsedBatch batch = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("batch".equals(field) && batch == null) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new BadRequestException("batch is not an array");
                    }
                    batch = readBatch(p);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadRequestException("the body has content after its JSON object");
            }
            if (batch == null) {
                throw new BadRequestException("the body has no batch array");
            }
            return batch;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON");
        }
    }

    private static ParsedBatch readBatch(JsonParser p) throws IOException {
        List<StoredEvent> valid = new ArrayList<>();
        Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
            }
            try {
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    throw new EventValidator.Rejected(RejectReason.NOT_AN_OBJECT);
                }
                valid.add(EventValidator.validate(boundedObject(p)));
            } catch (EventValidator.Rejected r) {
                rejected.merge(r.reason, 1, Integer::sum);
            }
        }
        return new ParsedBatch(valid, rejected);
    }

    /** The object the parser is at, or {@link RejectReason#TOO_LARGE} once its text passes the event limit. */
    private static ObjectNode boundedObject(JsonParser p) throws IOException, EventValidator.Rejected {
        long start = p.currentTokenLocation().getByteOffset();
        ObjectNode root = NODES.objectNode();
        Deque<JsonNode> open = new ArrayDeque<>();
        open.push(root);
        String field = null;
        int depth = 1;
        boolean tooLarge = false;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
            }
            if (!tooLarge && p.currentLocation().getByteOffset() - start > EVENT_LIMIT) {
                tooLarge = true;
                open.clear();
            }
            switch (t) {
                case START_OBJECT, START_ARRAY -> {
                    depth++;
                    if (!tooLarge) {
                        JsonNode container = t == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
                        attach(open.peek(), field, container);
                        open.push(container);
                    }
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    if (!tooLarge) {
                        open.pop();
                    }
                }
                case FIELD_NAME -> field = p.currentName();
                default -> {
                    if (!tooLarge) {
                        attach(open.peek(), field, scalar(p, t));
                    }
                }
            }
        }
        if (tooLarge) {
            throw new EventValidator.Rejected(RejectReason.TOO_LARGE);
        }
        return root;
    }

    private static void attach(JsonNode parent, String field, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(field, value);
        } else {
            ((ArrayNode) parent).add(value);
        }
    }

    private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? NODES.numberNode(p.getBigIntegerValue()) : NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }
}
