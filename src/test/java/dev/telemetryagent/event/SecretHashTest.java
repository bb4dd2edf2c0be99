package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.instrument.WeavingFixture;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.MethodSite;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretHashTest {
    @Test
    void aHashWhoseNameOrAccessorNamesASecretIsSentAsSecretNotHashed() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n"
                + "[[instrument]]\nclass = \"com.acme.Db\"\nmethods = [\"open\"]\n"
                + "hash = { user_token = \"arg0\", db = \"this.dbPassword\", dataset = \"arg1\" }\n"
                + "properties = { password = \"arg2\" }\n");
        MethodSite site = WeavingFixture.sites(config)[1];
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("user_token", "<secret>");
        hashes.put("db", "<secret>");
        hashes.put("dataset", "games");
        CallRecord record = CallRecord.example(site, 0L, 1L, hashes,
                Collections.singletonMap("password", "<secret>"), null, null);
        Hasher hasher = new Hasher("salt");
        Event event = new EventFactory(Collections.<String, Object>emptyMap(), "a", null, hasher, false).event(record);
        assertEquals("<secret>", event.properties().get("user_token_hash"));
        assertEquals("<secret>", event.properties().get("db_hash"));
        assertEquals(hasher.hash("games"), event.properties().get("dataset_hash"));
        assertEquals("<secret>", event.properties().get("password"));
    }
}
