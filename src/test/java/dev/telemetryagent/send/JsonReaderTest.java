package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nesting is bounded: a pathological line is malformed, never a StackOverflowError. */
class JsonReaderTest {
    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.read("[".repeat(100_000)));
        assertThrows(IllegalArgumentException.class,
                () -> JsonReader.read("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.read("[".repeat(1_000_000)));
    }

    @Test
    void nestingUpToTheBoundIsRead() {
        int depth = JsonReader.MAX_DEPTH;
        Object v = JsonReader.read("[".repeat(depth) + "]".repeat(depth));
        for (int i = 1; i < depth; i++) {
            v = ((List<?>) v).get(0);
        }
        assertEquals(List.of(), v);
        assertEquals(Map.of("a", List.of(1L)), JsonReader.read("{\"a\":[1]}"));
        assertThrows(IllegalArgumentException.class,
                () -> JsonReader.read("[".repeat(depth + 1) + "]".repeat(depth + 1)));
    }

    @Test
    void siblingsDoNotAddUpToDepth() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : ",").append("[[1]]");
        }
        assertEquals(10_000, ((List<?>) JsonReader.read(sb.append(']').toString())).size());
    }
}
