package dev.telemetryagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final String APP = "[app]\nname = \"acme\"\n";
    private final ConfigReader reader = new ConfigReader("/home/u");

    private AgentConfig read(String toml) throws ConfigException {
        return reader.read("agent-config.toml", toml);
    }

    private ConfigException fails(String toml) {
        return assertThrows(ConfigException.class, () -> read(toml), toml);
    }

    @Test
    void defaultsFollowTheContract() throws Exception {
        AgentConfig c = read(APP);
        assertEquals("acme", c.app().name());
        assertNull(c.app().version());
        assertEquals(Mode.ANONYMOUS, c.telemetry().mode());
        assertEquals(ConsentPolicy.NOTICE, c.telemetry().consent());
        assertEquals(CiPolicy.DISABLE, c.telemetry().ci());
        assertEquals("/home/u/.acme", c.telemetry().stateDir());
        assertNull(c.telemetry().hashSalt());
        assertFalse(c.telemetry().errorDetails());
        assertNull(c.sender().endpoint());
        assertEquals(Format.JSON, c.sender().format());
        assertEquals(3000, c.sender().timeoutMs());
        assertEquals(1000, c.sender().maxEventsPerRun());
        assertTrue(c.instruments().isEmpty());
        assertEquals("ACME_TELEMETRY_DISABLED", c.app().disabledVariable());
    }

    @Test
    void theExampleConfigLoadsAndMeansWhatItSays() throws Exception {
        Path example = Paths.get("agent-config.example.toml");
        AgentConfig c = reader.read(example.toString(), Files.readString(example));
        assertEquals("sample", c.app().name());
        assertEquals(List.of("SAMPLE_NO_STATS"), c.telemetry().disableEnv());
        assertFalse(c.telemetry().projectHash(), "off by default, and documented");
        assertTrue(c.instrumentsPicocli());
        InstrumentSpec pipeline = c.instruments().get(1);
        assertEquals("sample.pipeline.Pipeline", pipeline.className());
        assertEquals(List.of("run", "load"), pipeline.methods());
        assertEquals(List.of("extract", "normalize"), c.instruments().get(2).methods());
        assertEquals("pipeline_load", pipeline.eventName("load"));
        assertEquals("return.status", pipeline.success().value().text());
        assertEquals(List.of("COMPLETED"), pipeline.success().accepted());
        assertEquals("this.name", pipeline.hashes().get("pipeline_name").text());
        assertEquals("this.destination", pipeline.properties().get("destination_name").text());
    }

    @Test
    void projectHashIsOffUnlessAskedFor() throws Exception {
        assertFalse(read(APP).telemetry().projectHash());
        assertTrue(read(APP + "[telemetry]\nproject_hash = true\n").telemetry().projectHash());
        assertFault(APP + "[telemetry]\nproject_hash = \"yes\"\n", 4, "telemetry.project_hash");
    }

    @Test
    void categoryAndEventDefaultFromTheClassName() throws Exception {
        InstrumentSpec s = read(APP + "[[instrument]]\nclass = \"com.acme.etl.Pipeline$Inner\"\nmethods = [\"run\"]\n")
                .instruments().get(0);
        assertEquals("inner", s.category());
        assertEquals("inner_run", s.eventName("run"));
    }

    @Test
    void everyValidationErrorNamesLineAndKey() {
        assertFault(APP + "[telemetry]\nmode = \"loud\"\n", 4, "telemetry.mode");
        assertFault(APP + "[telemetry]\nbogus = 1\n", 4, "telemetry.bogus");
        assertFault(APP + "colour = \"red\"\n", 3, "app.colour");
        assertFault("[app]\nname = \"Acme Tool\"\n", 2, "app.name");
        assertFault("[app]\nversion = \"1\"\n", 1, "app.name");
        assertFault(APP + "[sender]\nendpoint = \"http://collector.example.com\"\n", 4, "sender.endpoint");
        assertFault(APP + "[sender]\nendpoint = \"ftp://127.0.0.1\"\n", 4, "sender.endpoint");
        assertFault(APP + "[sender]\nendpoint = \"https://user:pw@host\"\n", 4, "sender.endpoint");
        assertFault(APP + "[sender]\nformat = \"xml\"\n", 4, "sender.format");
        assertFault(APP + "[sender]\ntimeout_ms = \"3s\"\n", 4, "sender.timeout_ms");
        assertFault(APP + "[sender]\ntimeout_ms = 0\n", 4, "sender.timeout_ms");
        assertFault(APP + "[sender]\nendpoint = \"https://eu.posthog.com\"\nformat = \"posthog\"\n", 5,
                "sender.api_key");
        assertFault(APP + "[telemetry]\ndisable_env = [\"NOT VALID\"]\n", 4, "telemetry.disable_env");
        assertFault(APP + "[telemetry]\nstate_dir = \"relative/dir\"\n", 4, "telemetry.state_dir");
        assertFault(APP + "[telemetry]\nerror_details = \"yes\"\n", 4, "telemetry.error_details");
        assertFault(APP + "\n[[instrument]]\nclass = \"com.Acme\"\nmethods = [\"run\"]\nhash = { x = \"self.name\" }\n",
                7, "instrument[1].hash.x");
        assertFault(APP + "[[instrument]]\nclass = \"com.Acme\"\nmethods = [\"run\"]\nproperties = { p = \"arg\" }\n",
                6, "instrument[1].properties.p");
        assertFault(APP + "[[instrument]]\nclass = \"com.Acme\"\nmethods = [\"run\"]\nproperties = { p = \"this..x\" }\n",
                6, "instrument[1].properties.p");
        assertFault(APP + "[[instrument]]\nclass = \"not a class\"\nmethods = [\"run\"]\n", 4, "instrument[1].class");
        assertFault(APP + "[[instrument]]\nclass = \"com.Acme\"\nmethods = []\n", 5, "instrument[1].methods");
        assertFault(APP + "[[instrument]]\nclass = \"com.Acme\"\nmethods = [\"run()\"]\n", 5, "instrument[1].methods");
        assertFault(APP + "[[instrument]]\nclass = \"com.Acme\"\nmethods = [\"a\", \"b\"]\nevent = \"fixed\"\n", 6,
                "instrument[1].event");
        assertFault(APP + "[[instrument]]\nclass = \"com.Acme\"\nmethods = [\"run\"]\nsuccess = \"ok\"\n", 6,
                "instrument[1].success");
        assertFault(APP + "[[instrument]]\nclass = \"com.Acme\"\nmethods = [\"run\"]\nproperties = { success = \"this\" }\n",
                6, "instrument[1].properties.success");
        assertFault(APP + "[[instrument]]\npicocli = true\nclass = \"x.Y\"\n", 5, "instrument[1].class");
        assertFault(APP + "[[instrument]]\nmethods = [\"run\"]\n", 3, "instrument[1].class");
        assertFault(APP + "[instrument]\nclass = \"x.Y\"\n", 3, "instrument");
    }

    @Test
    void loopbackHttpEndpointsAreAllowed() throws Exception {
        for (String host : new String[] {"localhost", "127.0.0.1", "127.1.2.3", "[::1]"}) {
            assertEquals("http://" + host + ":8080/e",
                    read(APP + "[sender]\nendpoint = \"http://" + host + ":8080/e\"\n").sender().endpoint());
        }
    }

    @Test
    void homeIsExpandedInStateDir() throws Exception {
        assertEquals("/home/u/.cache/acme",
                read(APP + "[telemetry]\nstate_dir = \"~/.cache/acme\"\n").telemetry().stateDir());
    }

    @Test
    void describeGivesFileLineAndKey() {
        ConfigException e = fails(APP + "[sender]\nformat = \"xml\"\n");
        assertEquals("cfg.toml:4: key 'sender.format': unknown value \"xml\" (expected json, posthog, segment, otlp)",
                e.describe("cfg.toml"));
    }

    private void assertFault(String toml, int line, String key) {
        ConfigException e = fails(toml);
        assertEquals(key, e.key(), toml + " -> " + e.getMessage());
        assertEquals(line, e.line(), toml + " -> " + e.getMessage());
    }
}
