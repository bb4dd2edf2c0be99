package dev.telemetryagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The public TOML 1.0 test suite (toml-lang/toml-test, MIT, vendored under
 * {@code src/test/resources/toml-test/} with its licence): every invalid document is rejected with a
 * {@link ConfigException} (never another throwable), and every valid document without dates or times
 * parses to the values the suite expects.
 */
class TomlTestSuiteTest {
    private static final String ROOT = "/toml-test/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rejectsEveryInvalidDocument() throws IOException {
        List<String> accepted = new ArrayList<>();
        List<String> crashed = new ArrayList<>();
        int total = 0;
        for (String name : files("invalid/")) {
            total++;
            byte[] bytes = resource(name);
            try {
                TomlParser.parse(TomlParser.decode(bytes, bytes.length));
                accepted.add(name);
            } catch (ConfigException expected) {
                assertTrue(expected.line() > 0 || expected.getMessage().length() > 0, name);
            } catch (RuntimeException | StackOverflowError e) {
                crashed.add(name + " (" + e + ")");
            }
        }
        assertEquals(499, total);
        assertEquals(List.of(), crashed, "threw something other than ConfigException");
        assertEquals(List.of(), accepted, "accepted although invalid");
    }

    @Test
    void parsesEveryValidDocumentWithoutDatesToTheExpectedValues() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String name : files("valid/")) {
            if (!name.endsWith(".toml")) {
                continue;
            }
            JsonNode expected = JSON.readTree(resource(name.substring(0, name.length() - 5) + ".json"));
            if (mentionsDates(expected)) {
                continue;
            }
            checked++;
            byte[] bytes = resource(name);
            try {
                TomlTable root = TomlParser.parse(TomlParser.decode(bytes, bytes.length));
                String difference = difference("", expected, root);
                if (difference != null) {
                    wrong.add(name + ": " + difference);
                }
            } catch (ConfigException | RuntimeException e) {
                wrong.add(name + ": " + e);
            }
        }
        assertEquals(191, checked);
        assertEquals(List.of(), wrong);
    }

    private static boolean mentionsDates(JsonNode node) {
        if (node.isObject() && node.has("type") && node.has("value") && node.size() == 2) {
            String type = node.get("type").asText();
            return type.startsWith("date") || type.startsWith("time");
        }
        for (JsonNode child : node) {
            if (mentionsDates(child)) {
                return true;
            }
        }
        return false;
    }

    /** Null when {@code actual} holds what the suite's tagged JSON says, else where it differs. */
    private static String difference(String at, JsonNode expected, Object actual) {
        if (expected.isArray()) {
            if (!(actual instanceof List) || ((List<?>) actual).size() != expected.size()) {
                return at + ": expected an array of " + expected.size() + ", got " + actual;
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = difference(at + "[" + i + "]", expected.get(i), ((List<?>) actual).get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.size() == 2 && expected.has("type") && expected.get("type").isTextual()
                && expected.has("value") && expected.get("value").isTextual()) {
            return scalarDifference(at, expected.get("type").asText(), expected.get("value").asText(), actual);
        }
        if (!(actual instanceof TomlTable)) {
            return at + ": expected a table, got " + actual;
        }
        TomlTable table = (TomlTable) actual;
        if (table.keys().size() != expected.size()) {
            return at + ": expected keys " + fieldNames(expected) + ", got " + table.keys();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!table.keys().contains(e.getKey())) {
                return at + ": missing key " + e.getKey();
            }
            String d = difference(at + "." + e.getKey(), e.getValue(), table.get(e.getKey()));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String scalarDifference(String at, String type, String value, Object actual) {
        boolean same;
        switch (type) {
            case "string":
                same = value.equals(actual);
                break;
            case "integer":
                same = actual instanceof Long && Long.parseLong(value) == (Long) actual;
                break;
            case "bool":
                same = Boolean.valueOf(value).equals(actual);
                break;
            case "float":
                same = actual instanceof Double && sameFloat(value, (Double) actual);
                break;
            default:
                same = false;
        }
        return same ? null : at + ": expected " + type + " " + value + ", got " + actual;
    }

    private static boolean sameFloat(String value, double actual) {
        switch (value) {
            case "nan": case "+nan": case "-nan": return Double.isNaN(actual);
            case "inf": case "+inf": return actual == Double.POSITIVE_INFINITY;
            case "-inf": return actual == Double.NEGATIVE_INFINITY;
            default: return Double.compare(Double.parseDouble(value), actual) == 0
                    || Double.parseDouble(value) == actual;
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> files(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : new String(resource("files-toml-1.0.0"), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(prefix)) {
                names.add(line);
            }
        }
        return names;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TomlTestSuiteTest.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
