package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telemetryagent.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spool's lines are exactly the JSON of each event's map, whatever the events share or do not. */
class EventLinesTest {
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void eachLineIsItsEventsJsonEvenWhereNeighboursShareParts() {
        Map<String, Object> ctx1 = map("run_id", "r1", "os", map("name", "linux"));
        Map<String, Object> ctx2 = map("run_id", "r2", "os", map("name", "linux"));
        List<Event> events = new ArrayList<>();
        events.add(new Event("rows_next", "anon", null, "m1", "2026-12-04T21:00:00.000Z", ctx1,
                map("event_name", "next", "success", true)));
        events.add(new Event("rows_next", "anon", null, "m2", "2026-12-04T21:00:00.000Z", ctx1,
                map("event_name", "next", "success", false)));
        events.add(new Event("rows_other", "anon", null, "m3", "2026-12-04T21:00:00.001Z", ctx1,
                map("event_name", "other \"quoted\"\n")));
        events.add(new Event("rows_other", "anon", "user-1", "m4", "t", ctx1, map()));
        events.add(new Event("rows_other", "anon", "user-2", "m5", "t", ctx1, map()));
        events.add(new Event("rows_other", "anon", null, "m6", "t", ctx1, map()));
        events.add(new Event("rows_other", "anon2", null, "m7", "t", ctx1, map()));
        events.add(new Event("rows_other", "anon2", null, "m8", "t", ctx2, map("n", 1)));
        events.add(new Event("rows_other", "anon2", null, "m9", "t", ctx1, map("n", 2)));
        events.add(new Event("r\u00e9sum\u00e9\u2028", null, null, null, null, null, null));
        EventLines lines = new EventLines();
        for (Event e : events) {
            StringBuilder sb = new StringBuilder();
            lines.append(sb, e);
            assertEquals(JsonWriter.write(e.toMap()) + "\n", sb.toString());
        }
    }
}
