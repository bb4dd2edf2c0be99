package dev.telemetryagent.collector.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KnownIdsTest {

    @Test
    void everyAddedIdIsKnownAndFewNewOnesLookKnown() {
        KnownIds ids = KnownIds.empty(100_000);
        for (int i = 0; i < 100_000; i++) {
            ids.add("0b8f6c2e-msg-" + i);
        }
        for (int i = 0; i < 100_000; i++) {
            assertTrue(ids.mightContain("0b8f6c2e-msg-" + i), "an added id is never called new");
        }
        int lookKnown = 0;
        for (int i = 0; i < 100_000; i++) {
            lookKnown += ids.mightContain("0b8f6c2e-new-" + i) ? 1 : 0;
        }
        assertTrue(lookKnown < 2_000, lookKnown + " of 100,000 new ids looked stored (about 1% expected)");
    }
}
