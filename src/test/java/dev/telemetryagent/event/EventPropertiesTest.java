package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event's properties behave as the LinkedHashMap they replace: order, replacement, growth, lookups. */
class EventPropertiesTest {
    @Test
    void keepsInsertionOrderAndReplacesInPlaceLikeALinkedHashMap() {
        Map<String, Object> expected = new LinkedHashMap<>();
        Map<String, Object> actual = new EventProperties();
        String[] keys = {"event_category", "event_name", "elapsed", "success", "event_name", "a", "b", "c", "d",
            "e", "f", "success", "g", "h", "i", "a"};
        for (int i = 0; i < keys.length; i++) {
            Object value = i % 5 == 0 ? null : i % 2 == 0 ? Integer.valueOf(i) : (Object) ("v" + i);
            assertEquals(expected.put(keys[i], value), actual.put(keys[i], value), keys[i]);
            assertEquals(expected, actual);
            assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()));
        }
        assertEquals(expected.size(), actual.size());
        for (String k : keys) {
            assertEquals(expected.get(k), actual.get(k), k);
        }
        assertNull(actual.get("missing"));
        assertEquals(expected.hashCode(), actual.hashCode());
        List<String> order = new ArrayList<>(actual.keySet());
        assertEquals(new ArrayList<>(expected.keySet()), order);
    }
}
