package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Careless or hostile configuration cannot hurt the host: accessors naming {@code File.delete} and
 * {@code BlockingQueue.take} call neither (the file survives, the run does not hang, the properties
 * are omitted), a private password field is sent as {@code <secret>}, and a project file holding a
 * 1 MB table header does not stall startup.
 */
class HostileConfigIT extends AgentIT {
    private static final String PASSWORD = "Hunter2Secret";

    private ChildJvm hostile(Path keep) {
        return ChildJvm.in(home).classpath(SampleApps.compile("sample-hostile", null), "sample.hostile.HostileMain")
                .args(keep.toString(), PASSWORD);
    }

    @Test
    void accessorsNamingActionsCallNothingAndSecretFieldsAreSentAsSecret() throws Exception {
        Path keep = Files.writeString(home.resolve("keep.txt"), "precious");
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + "[[instrument]]\nclass = \"sample.hostile.HostileMain\"\nmethods = [\"inspect\", \"peek\"]\n"
                + "category = \"hostile\"\n"
                + "properties = { deleted = \"arg0.delete\", taken = \"arg0.take\", length = \"arg0.length\" }\n\n"
                + "[[instrument]]\nclass = \"sample.hostile.HostileMain$Db\"\nmethods = [\"open\"]\ncategory = \"db\"\n"
                + "properties = { pw = \"this.dbPassword\", db_name = \"this.name\" }\n");
        ChildJvm.Result plain = hostile(keep).withoutAgent().run();
        ChildJvm.Result agent = hostile(keep).config(config).timeoutSeconds(120).run();

        assertEquals(0, agent.exitCode, agent.toString());
        assertEquals(plain.stdout, agent.stdout);
        assertTrue(agent.stdout.contains("exists true"), agent.stdout);
        assertTrue(Files.exists(keep), "arg0.delete deleted the file");

        List<JsonNode> events = collector.awaitJsonEvents(3, Duration.ofSeconds(30));
        for (JsonNode e : events) {
            JsonNode p = e.path("properties");
            assertFalse(p.has("deleted") || p.has("taken") || p.has("length"), p.toString());
            if (e.path("event").asText().equals("db_open")) {
                assertEquals("<secret>", p.path("pw").asText(), p.toString());
                assertEquals("warehouse", p.path("db_name").asText(), p.toString());
            }
        }
        assertEquals(3, events.size(), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.path("event").asText().equals("db_open")), events.toString());
        assertFalse(collector.allBytes().contains(PASSWORD), collector.allBytes());
    }

    @Test
    void aProjectFileWithAOneMegabyteHeaderDoesNotStallStartup() throws Exception {
        Path project = Files.createDirectories(home.resolve("project"));
        StringBuilder header = new StringBuilder("[a");
        while (header.length() < 1_000_000) {
            header.append(".a");
        }
        Files.createDirectories(project.resolve(".sample"));
        Files.writeString(project.resolve(".sample/telemetry.toml"), header.append("]\nenabled = true\n"));
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + Configs.pipeline());

        // Generous: a loaded machine is slow, but the quadratic parser took minutes for 800 KB.
        ChildJvm.Result agent = pipeline("run", "orders").workingDir(project).config(config).timeoutSeconds(60).run();
        ChildJvm.Result plain = pipeline("run", "orders").workingDir(project).withoutAgent().run();

        assertEquals(plain.exitCode, agent.exitCode, agent.toString());
        assertEquals(plain.stdout, agent.stdout);
        List<String> lines = agent.agentLines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("telemetry.toml")), agent.toString());
        for (String l : lines) {
            assertTrue(l.length() < 1000, "an agent line quoting the hostile file: " + l.length() + " characters");
        }
    }
}
