package dev.telemetryagent.send;

import java.util.Collection;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers and booleans as JSON, compact or indented. Small on purpose:
 * the agent writes a handful of flat events, and a JSON library would cost startup time and jar size.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** Compact JSON on one line. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, value, -1);
        return sb.toString();
    }

    /** JSON indented by two spaces, for people. */
    public static String pretty(Object value) {
        StringBuilder sb = new StringBuilder(512);
        append(sb, value, 0);
        return sb.toString();
    }

    /** Appends one value; {@code indent} negative means compact. */
    public static void append(StringBuilder sb, Object value, int indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String) {
            string(sb, (String) value);
        } else if (value instanceof Boolean) {
            sb.append(((Boolean) value).booleanValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                sb.append("null");
            } else {
                sb.append(value);
            }
        } else if (value instanceof Number) {
            sb.append(value);
        } else if (value instanceof Map) {
            object(sb, (Map<?, ?>) value, indent);
        } else if (value instanceof Collection) {
            array(sb, (Collection<?>) value, indent);
        } else if (value instanceof RawJson) {
            sb.append(((RawJson) value).json());
        } else {
            string(sb, value.toString());
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> map, int indent) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, indent, indent + 1);
            string(sb, String.valueOf(e.getKey()));
            sb.append(indent >= 0 ? ": " : ":");
            append(sb, e.getValue(), indent >= 0 ? indent + 1 : -1);
        }
        newline(sb, indent, indent);
        sb.append('}');
    }

    private static void array(StringBuilder sb, Collection<?> list, int indent) {
        if (list.isEmpty()) {
            sb.append("[]");
            return;
        }
        boolean scalars = true;
        for (Object o : list) {
            if (o instanceof Map || o instanceof Collection) {
                scalars = false;
                break;
            }
        }
        sb.append('[');
        boolean first = true;
        for (Object o : list) {
            if (!first) {
                sb.append(indent >= 0 && scalars ? ", " : ",");
            }
            first = false;
            if (!scalars) {
                newline(sb, indent, indent + 1);
            }
            append(sb, o, indent >= 0 ? indent + 1 : -1);
        }
        if (!scalars) {
            newline(sb, indent, indent);
        }
        sb.append(']');
    }

    /** Starts a new line at {@code level}, only when writing indented ({@code pretty >= 0}). */
    private static void newline(StringBuilder sb, int pretty, int level) {
        if (pretty < 0) {
            return;
        }
        sb.append('\n');
        for (int i = 0; i < level; i++) {
            sb.append("  ");
        }
    }

    /** Appends a JSON string literal. */
    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        int plain = plainPrefix(s);
        if (plain == s.length()) {
            // Nearly every string of an event: copied whole, not char by char (at exit the code runs
            // interpreted, where a call per char was the largest cost of writing 1,000 events).
            sb.append(s).append('"');
            return;
        }
        sb.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int k = hex.length(); k < 4; k++) {
                            sb.append('0');
                        }
                        sb.append(hex);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** How many leading chars of {@code s} need no escaping. */
    private static int plainPrefix(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029) {
                return i;
            }
        }
        return n;
    }

    /** Already-serialized JSON, written as is. */
    public static final class RawJson {
        private final String json;

        /** @param json valid JSON text */
        public RawJson(String json) {
            this.json = json;
        }

        /** The JSON text. */
        public String json() {
            return json;
        }
    }
}
