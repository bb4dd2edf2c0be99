package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.StateDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code java -jar telemetry-agent.jar [--config PATH] status | enable | disable | reset-id | preview | log}. */
class ControlCommandIT extends AgentIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.picocli() + Configs.pipeline());
    }

    private ChildJvm.Result control(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent().args(all.toArray(new String[0])).run();
    }

    private ChildJvm pipelineUnderAgent(String... args) {
        return pipeline(args).config(config);
    }

    private Path state(String name) {
        return home.resolve(".sample").resolve(name);
    }

    @Test
    void helpAndUsageErrors() {
        ChildJvm.Result help = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent().args("--help").run();
        assertEquals(0, help.exitCode);
        assertTrue(help.stdout.startsWith("Usage: java -jar " + ChildJvm.AGENT_JAR + " [--config PATH] COMMAND"),
                "the jar as this user runs it: " + help.stdout);
        for (String[] bad : new String[][] {{}, {"bogus"}, {"status", "extra"}, {"status", "--project"}, {"--config"}}) {
            ChildJvm.Result r = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent().args(bad).run();
            assertEquals(2, r.exitCode, String.join(" ", bad) + ": " + r);
            assertTrue(r.stderr.contains("--help"), r.stderr);
            assertTrue(r.stdout.isEmpty());
        }
    }

    @Test
    void noConfigSaysWhereItLooked() {
        ChildJvm.Result r = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent().args("status").run();
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("No agent config found (looked at"), r.stderr);
        ChildJvm.Result env = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .env("TELEMETRY_AGENT_CONFIG", config.toString()).args("status").run();
        assertEquals(0, env.exitCode, env.toString());
    }

    @Test
    void statusWhenEnabledShowsModeIdEndpointAndFiles() throws Exception {
        pipelineUnderAgent("run", "orders", "customers").run();
        collector.awaitRequests(1, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(home.resolve(".sample"));
        String id = Files.readString(state("anonymous_id")).trim();
        ChildJvm.Result r = control("status");
        assertEquals(0, r.exitCode);
        String out = r.stdout;
        assertTrue(out.startsWith("Telemetry for sample: enabled\n"), out);
        assertTrue(out.contains("\n  mode       anonymous\n"), out);
        assertTrue(out.contains("\n  anon id    " + id + "\n"), out);
        assertTrue(out.contains("\n  endpoint   " + collector.url() + "/events (json)\n"), out);
        assertTrue(out.contains("\n  user file  " + state("telemetry.toml") + " (not present)\n"), out);
        assertTrue(out.contains(" disable   (or export DO_NOT_TRACK=1)"), "says what to do next: " + out);
    }

    @Test
    void disableWhileTheApplicationRunsSendsNothingMore() throws Exception {
        Path sync = Files.createDirectories(home.resolve("sync"));
        CompletableFuture<ChildJvm.Result> running = CompletableFuture.supplyAsync(
                () -> pipelineUnderAgent("wait", sync.toString()).run());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(sync.resolve("started")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(sync.resolve("started")), "the app got going");
        ChildJvm.Result disable = control("disable");
        assertEquals(0, disable.exitCode, disable.toString());
        Files.createFile(sync.resolve("go"));
        ChildJvm.Result app = running.get(60, TimeUnit.SECONDS);
        assertEquals("done waiting\n", app.stdout);
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount(), collector.allBytes());
    }

    @Test
    void disableRemovesTheSpoolAndCachesAndEnableSendsAgain() throws Exception {
        ChildJvm.write(home, ".sample/spool/1-abc-0.jsonl", "{\"event\":\"held_back\"}\n");
        ChildJvm.write(home, ".sample/cache/classes/x.bin", "cache");
        ChildJvm.Result disable = control("disable");
        assertEquals(0, disable.exitCode, disable.toString());
        assertTrue(disable.stdout.startsWith("Telemetry disabled for sample on this machine.\n"), disable.stdout);
        assertTrue(disable.stdout.contains("deleted   2 unsent or cached files"), disable.stdout);
        assertTrue(disable.stdout.contains(" enable\n"), disable.stdout);
        assertFalse(Files.exists(state("spool/1-abc-0.jsonl")));
        assertFalse(Files.exists(state("cache")));
        String text = Files.readString(state("telemetry.toml"));
        assertTrue(text.contains("\nenabled = false\n"), text);

        pipelineUnderAgent("run", "orders", "customers").run();
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());

        ChildJvm.Result enable = control("enable");
        assertEquals(0, enable.exitCode, enable.toString());
        assertTrue(enable.stdout.contains("Usage data is sent from the next run on."), enable.stdout);
        pipelineUnderAgent("run", "orders", "customers").run();
        collector.awaitRequests(1, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(home.resolve(".sample"));
        assertFalse(collector.allBytes().contains("held_back"), "the spool was removed, not sent later");
    }

    @Test
    void disableAfterAWeavingRunLeavesNothingOfTheAgentsInTheCache() throws Exception {
        pipelineUnderAgent("run", "orders", "customers").run();
        collector.awaitRequests(1, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(home.resolve(".sample"));
        assertTrue(Files.exists(state("cache/key")), "the run wove under a cache key");
        try (var names = Files.list(state("cache"))) {
            assertTrue(names.anyMatch(p -> p.getFileName().toString().startsWith("seal-weaver-")),
                    "the run sealed its weaver jar");
        }
        ChildJvm.Result disable = control("disable");
        assertEquals(0, disable.exitCode, disable.toString());
        assertFalse(Files.exists(state("cache")), "key, seal, weaver jar and classes all gone");
    }

    @Test
    void enableUnderDoNotTrackSaysItStillSendsNothing() {
        ChildJvm.Result r = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent().env("DO_NOT_TRACK", "1")
                .args("--config", config.toString(), "enable").run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("Still nothing is sent: disabled by DO_NOT_TRACK."), r.stdout);
    }

    @Test
    void disableProjectNarrowsThisProjectOnly() throws Exception {
        Path project = Files.createDirectories(home.resolve("project"));
        ChildJvm.Result r = ChildJvm.in(home).workingDir(project).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", config.toString(), "disable", "--project").run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.startsWith("Telemetry disabled for sample in this project.\n"), r.stdout);
        assertTrue(Files.readString(project.resolve(".sample/telemetry.toml")).contains("enabled = false"));
        assertFalse(Files.exists(state("telemetry.toml")));

        pipelineUnderAgent("run", "orders", "customers").workingDir(project).run();
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());
        ChildJvm.Result status = ChildJvm.in(home).workingDir(project).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", config.toString(), "status").run();
        assertTrue(status.stdout.contains("disabled for this project: user ran `disable --project` on 20"),
                status.stdout);

        pipelineUnderAgent("run", "orders", "customers").run();
        collector.awaitRequests(1, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(home.resolve(".sample"));
    }

    @Test
    void resetIdMakesANewIdThatEventsCarry() throws Exception {
        ChildJvm.Result first = control("reset-id");
        assertEquals(0, first.exitCode);
        String id1 = Files.readString(state("anonymous_id")).trim();
        assertTrue(first.stdout.contains(id1));
        ChildJvm.Result second = control("reset-id");
        String id2 = Files.readString(state("anonymous_id")).trim();
        assertNotEquals(id1, id2);
        assertTrue(id2.matches("[0-9a-f]{32}"));
        assertTrue(second.stdout.startsWith("New anonymous id for sample: " + id2 + "\n"), second.stdout);
        pipelineUnderAgent("run", "orders", "customers").run();
        JsonNode e = collector.awaitJsonEvents(1, Duration.ofSeconds(15)).get(0);
        assertEquals(id2, e.path("anonymousId").asText());
        StateDirs.awaitDelivered(home.resolve(".sample"));
    }

    @Test
    void previewPrintsEachEventAsJsonAndSendsAndWritesNothing() throws Exception {
        ChildJvm.Result r = control("preview");
        assertEquals(0, r.exitCode, r.toString());
        JsonNode events = JSON.readTree(r.stdout);
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.path("event").asText()));
        assertEquals(List.of("command_subcommand", "pipeline_run", "pipeline_load", "pipeline_extract",
                "pipeline_normalize", "source_fetch", "plugin_run", "command_subcommand", "command_subcommand",
                "pipeline_run"), names, "config order, then example failures");
        JsonNode failed = events.get(7).path("properties");
        assertFalse(failed.path("success").asBoolean(true));
        assertEquals("java.io.UncheckedIOException", failed.path("error_type").asText());
        assertEquals("java.io.IOException", failed.path("error_root_type").asText());
        assertEquals("com.example.Store.open", failed.path("error_site").asText());
        assertEquals(20, failed.path("error_fingerprint").asText().length());
        assertTrue(events.get(8).path("properties").path("usage_error").asBoolean(false));
        JsonNode load = events.get(2);
        assertEquals(20, load.path("properties").path("pipeline_name_hash").asText().length());
        assertEquals("example", load.path("properties").path("destination_name").asText());
        assertEquals(System.getProperty("os.name"), load.path("context").path("os").path("name").asText());
        assertTrue(r.stderr.contains("nothing is sent"), r.stderr);
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());
        assertFalse(Files.exists(home.resolve(".sample")), "preview writes nothing");
    }

    @Test
    void logPrintsTheEventsActuallySent() throws Exception {
        ChildJvm.Result empty = control("log");
        assertEquals(0, empty.exitCode);
        assertTrue(empty.stdout.isEmpty());
        assertTrue(empty.stderr.contains("No events have been sent"), empty.stderr);

        pipelineUnderAgent("run", "orders", "customers").run();
        List<JsonNode> received = collector.awaitJsonEvents(4, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(home.resolve(".sample"));
        ChildJvm.Result log = control("log");
        assertEquals(0, log.exitCode);
        String[] lines = log.stdout.split("\n");
        assertTrue(received.size() >= 4);
        assertEquals(collector.jsonEvents().size(), lines.length, log.stdout);
        for (String line : lines) {
            assertTrue(JSON.readTree(line).has("event"), line);
        }
    }

    @Test
    void stateFilesAreOwnerOnly() throws Exception {
        control("enable");
        pipelineUnderAgent("run", "orders", "customers").run();
        collector.awaitRequests(1, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(home.resolve(".sample"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".sample"))));
        for (String f : new String[] {"telemetry.toml", "anonymous_id"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state(f))), f);
        }
    }

    @Test
    void anUnreadableStateFileIsShownAndDisableKeepsItAside() throws Exception {
        ChildJvm.write(home, ".sample/telemetry.toml", "enabled = yes\n");
        ChildJvm.Result status = control("status");
        assertTrue(status.stdout.contains("(unreadable: line 1"), status.stdout);
        assertTrue(status.stdout.contains("Fix or delete "), status.stdout);
        ChildJvm.Result disable = control("disable");
        assertEquals(0, disable.exitCode);
        assertTrue(disable.stdout.contains("telemetry.toml.broken (the old file could not be read)"), disable.stdout);
        assertEquals("enabled = yes\n", Files.readString(state("telemetry.toml.broken")));
    }
}
