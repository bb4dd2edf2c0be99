package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.instrument.WeavingFixture;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.FailureTrace;
import dev.telemetryagent.record.MethodSite;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The failure fields of an event with {@code error_details = true}. */
class FailureEventTest {
    private static Map<String, Object> properties(FailureTrace failure, boolean usageError) throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n"
                + "[[instrument]]\npicocli = true\n");
        MethodSite site = WeavingFixture.sites(config)[0];
        CallRecord record = CallRecord.failedExample(site, 0L, 1L, Arrays.asList("t"),
                Collections.<String>emptyList(), 2, failure, usageError);
        return new EventFactory(Collections.<String, Object>emptyMap(), "a", null, new Hasher("salt"), true)
                .event(record).properties();
    }

    @Test
    void aUsageErrorNeverCarriesAMessage() throws Exception {
        Map<String, Object> p = properties(FailureTrace.example("picocli.CommandLine$UnmatchedArgumentException",
                null, "Unknown option: '--customer=AcmeCorp'"), true);
        assertEquals(true, p.get("usage_error"));
        assertFalse(p.containsKey("error_message"), p.toString());
    }

    @Test
    void anotherFailureCarriesItsRedactedMessage() throws Exception {
        Map<String, Object> p = properties(FailureTrace.example("java.io.IOException", null,
                "cannot read /home/alice/x.csv"), false);
        assertEquals("cannot read <path>", p.get("error_message"));
    }
}
