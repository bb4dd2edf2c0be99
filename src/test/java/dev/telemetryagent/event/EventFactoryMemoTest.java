package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.instrument.WeavingFixture;
import dev.telemetryagent.privacy.Redactor;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.MethodSite;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a factory computes once per flush (redactions, timestamps, hashes) and reuses: each event still
 * gets the result of its own values, never another value's.
 */
class EventFactoryMemoTest {
    private static MethodSite site() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n"
                + "[[instrument]]\nclass = \"a.B\"\nmethods = [\"load\"]\n"
                + "properties = { stage = \"arg0\" }\nhash = { dataset = \"arg1\" }\n");
        for (MethodSite s : WeavingFixture.sites(config)) {
            if (s != null) {
                return s;
            }
        }
        throw new AssertionError("no site");
    }

    private static Map<String, Object> event(EventFactory f, MethodSite site, long millis, String stage, String dataset) {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("dataset", dataset);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("stage", stage);
        return f.event(CallRecord.example(site, millis, 1000L, hashes, props, null, null)).toMap();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> event) {
        return (Map<String, Object>) event.get("properties");
    }

    @Test
    void eachValueKeepsItsOwnRedactionHashAndTimestampAcrossRepeats() throws Exception {
        MethodSite site = site();
        EventFactory f = new EventFactory(Collections.<String, Object>emptyMap(), "a", null, new Hasher("salt"), false);
        Redactor redactor = new Redactor();
        Hasher hasher = new Hasher("salt");
        String[] stages = {"load /home/alice/x.csv", "load https://example.com/a", "plain stage", "load /home/alice/x.csv",
            "plain stage", "other stage"};
        String[] datasets = {"orders", "customers", "orders", "customers", "orders", "refunds"};
        long[] millis = {1_000L, 1_000L, 1_001L, 1_000L, 86_400_000L, 86_400_000L};
        for (int i = 0; i < stages.length; i++) {
            Map<String, Object> e = event(f, site, millis[i], stages[i], datasets[i]);
            assertEquals(redactor.redact(stages[i]), properties(e).get("stage"), stages[i]);
            assertEquals(hasher.hash(datasets[i]), properties(e).get("dataset_hash"), datasets[i]);
            assertEquals(Timestamps.iso(millis[i]), e.get("timestamp"));
        }
        assertNotEquals(properties(event(f, site, 0L, "plain stage", "orders")).get("stage"),
                properties(event(f, site, 0L, "other stage", "orders")).get("stage"));
    }

    @Test
    void messageIdsAreHexOfTheirBitsAndDistinct() {
        assertEquals(RandomIds.hex(new byte[] {0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef,
            (byte) 0xfe, (byte) 0xdc, (byte) 0xba, (byte) 0x98, 0x76, 0x54, 0x32, 0x10}),
                RandomIds.hex(0x0123456789abcdefL, 0xfedcba9876543210L));
        assertEquals("0000000000000000ffffffffffffffff", RandomIds.hex(0L, -1L));
    }
}
