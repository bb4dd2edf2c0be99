package dev.telemetryagent.collector.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * A value as JSON that can stand inside an HTML {@code <script>} element: event names and error types come from
 * the wire, so none may end the element ({@code </script>}), open a comment ({@code <!--}) or break a line of
 * script (U+2028, U+2029). In JSON those characters can only be inside strings, where their {@code \}{@code uXXXX}
 * escapes mean the same characters to {@code JSON.parse}.
 */
final class ScriptJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScriptJson() {
    }

    /** {@code value} written by Jackson, then escaped for HTML. */
    static String write(Object value) {
        String json;
        try {
            json = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
