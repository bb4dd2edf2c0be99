package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void stringsAreEscapedWhereverTheCharToEscapeIs() throws Exception {
        String[] texts = {"", "plain", "\"starts", "ends\\", "mid\ndle", "tab\tand \u2028 and \u0001", "é and 😀"};
        ObjectMapper json = new ObjectMapper();
        for (String t : texts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(t, t);
            String written = JsonWriter.write(m);
            assertEquals(t, json.readTree(written).path(t).asText(), written);
        }
        assertEquals("\"a\\\"b\\\\c\\n\\u2028\\u0001\"", JsonWriter.write("a\"b\\c\n\u2028\u0001"));
    }
}
