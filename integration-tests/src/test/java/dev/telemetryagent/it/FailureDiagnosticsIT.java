package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure events a maintainer can act on (contract, section 3), from child JVMs with the real agent:
 * error_type, error_root_type, error_site (the tool's own code only) and error_fingerprint (computed
 * here independently with the JDK's SHA-256), for failing commands, usage errors, handlers and
 * strategies, methods, and a framework-style failure in another code source.
 */
class FailureDiagnosticsIT extends AgentIT {
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + Configs.picocli() + Configs.pipeline());
    }

    private JsonNode onlyEvent() throws InterruptedException {
        List<JsonNode> events = collector.awaitJsonEvents(1, Duration.ofSeconds(15));
        awaitSpoolsEmpty();
        assertEquals(1, collector.jsonEvents().size(), "exactly one event: " + collector.jsonEvents());
        return events.get(0);
    }

    /** The contract's fingerprint of a root type and frames, with the JDK's SHA-256. */
    static String fingerprint(String rootType, String... frames) throws Exception {
        StringBuilder text = new StringBuilder(rootType);
        for (String f : frames) {
            text.append('\n').append(f);
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 15));
    }

    private ChildJvm diag(String... args) {
        String cp = SampleApps.cliClasspath() + File.pathSeparator + SampleApps.compile("sample-cli-plugin", null);
        return ChildJvm.in(home).classpath(cp, "sample.cli.DiagnosticsCli").args(args);
    }

    @Test
    void aFailingCommandCarriesTypeSiteFingerprintAndARedactedMessage() throws Exception {
        ChildJvm.Result plain = cli("fail", "--password", "hunter2").withoutAgent().run();
        ChildJvm.Result agent = cli("fail", "--password", "hunter2").config(config).run();
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode p = onlyEvent().path("properties");
        assertFalse(p.path("success").asBoolean(true));
        assertEquals(1, p.path("exit_code").asInt());
        assertEquals("java.lang.IllegalStateException", p.path("error_type").asText());
        assertFalse(p.has("error_root_type"), "nothing wrapped");
        assertEquals("sample.cli.SampleCli$Fail.call", p.path("error_site").asText());
        assertEquals(fingerprint("java.lang.IllegalStateException", "sample.cli.SampleCli$Fail.call",
                "sample.cli.SampleCli.main"), p.path("error_fingerprint").asText());
        assertFalse(p.has("usage_error"));
        String message = p.path("error_message").asText();
        assertTrue(message.contains("<path>"), message);
        String wire = collector.allBytes();
        assertFalse(wire.contains("hunter2"), wire);
        assertFalse(wire.contains("alice"), wire);
        assertFalse(wire.matches("(?s).*\\.java:\\d+.*"), "no line numbers: " + wire);
    }

    @Test
    void aWrappedFailureFromAHelperClassIsSitedInTheHelper() throws Exception {
        ChildJvm.Result plain = diag("wrapped").withoutAgent().run();
        ChildJvm.Result agent = diag("wrapped").config(config).run();
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode e = onlyEvent();
        assertEquals("command_wrapped", e.path("event").asText());
        JsonNode p = e.path("properties");
        assertEquals("java.io.UncheckedIOException", p.path("error_type").asText());
        assertEquals("java.io.IOException", p.path("error_root_type").asText());
        assertEquals("sample.cli.Store.open", p.path("error_site").asText());
        assertEquals(fingerprint("java.io.IOException", "sample.cli.Store.open", "sample.cli.DiagnosticsCli$Wrapped.call",
                "sample.cli.DiagnosticsCli.main"), p.path("error_fingerprint").asText());
    }

    @Test
    void aUsageErrorInASubcommandIsThatSubcommandsEvent() throws Exception {
        String[] args = {"data", "load", "--table", "secret_table", "--bogus", "/home/alice/x.csv"};
        ChildJvm.Result plain = cli(args).withoutAgent().run();
        ChildJvm.Result agent = cli(args).config(config).run();
        assertEquals(2, plain.exitCode);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode e = onlyEvent();
        assertEquals("command_data_load", e.path("event").asText());
        JsonNode p = e.path("properties");
        assertEquals("data load", p.path("event_name").asText());
        assertTrue(p.path("usage_error").asBoolean(false));
        assertFalse(p.path("success").asBoolean(true));
        assertEquals(2, p.path("exit_code").asInt());
        assertEquals("picocli.CommandLine$UnmatchedArgumentException", p.path("error_type").asText());
        assertEquals("[\"--table\"]", p.path("options").toString(), "matched option names only");
        assertFalse(p.has("error_message"), "picocli's message quotes the typed tokens: never sent");
        assertEquals(20, p.path("error_fingerprint").asText().length());
        String wire = collector.allBytes();
        for (String typed : new String[] {"bogus", "secret_table", "alice", "x.csv"}) {
            assertFalse(wire.contains(typed), typed + " leaked: " + wire);
        }
    }

    /** The events of several runs, awaited together (their senders may deliver in any order). */
    private List<JsonNode> events(int n) throws InterruptedException {
        collector.awaitJsonEvents(n, Duration.ofSeconds(15));
        awaitSpoolsEmpty();
        List<JsonNode> events = collector.jsonEvents();
        assertEquals(n, events.size(), "events: " + events);
        return events;
    }

    private static JsonNode withExitCode(List<JsonNode> events, int code) {
        for (JsonNode e : events) {
            if (e.path("properties").path("exit_code").asInt(-1) == code) {
                return e.path("properties");
            }
        }
        throw new AssertionError("no event with exit code " + code + ": " + events);
    }

    @Test
    void aHandlerReturningZeroIsASuccessAndNonZeroCarriesTheException() throws Exception {
        ChildJvm.Result zero = diag("wrapped").jvmArg("-Ddiag.way=handler:0").config(config).run();
        assertEquals(0, zero.exitCode, zero.toString());
        assertEquals("handled UncheckedIOException\n", zero.stdout);
        ChildJvm.Result four = diag("wrapped").jvmArg("-Ddiag.way=handler:4").config(config).run();
        assertEquals(4, four.exitCode, four.toString());
        List<JsonNode> events = events(2);
        JsonNode ok = withExitCode(events, 0);
        assertTrue(ok.path("success").asBoolean(false));
        assertFalse(ok.has("error_type"));
        assertFalse(ok.has("error_fingerprint"));
        JsonNode failed = withExitCode(events, 4);
        assertFalse(failed.path("success").asBoolean(true));
        assertEquals("java.io.UncheckedIOException", failed.path("error_type").asText());
        assertEquals("sample.cli.Store.open", failed.path("error_site").asText());
    }

    @Test
    void aCustomExecutionStrategyCarriesTheErrorFields() throws Exception {
        ChildJvm.Result plain = diag("wrapped").jvmArg("-Ddiag.way=strategy").withoutAgent().run();
        ChildJvm.Result agent = diag("wrapped").jvmArg("-Ddiag.way=strategy").config(config).run();
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode p = onlyEvent().path("properties");
        assertEquals("java.io.UncheckedIOException", p.path("error_type").asText());
        assertEquals("sample.cli.Store.open", p.path("error_site").asText());
    }

    @Test
    void aStrategyThatThrowsItselfIsHandledByPicocliAndCarriesItsException() throws Exception {
        ChildJvm.Result plain = diag("wrapped").jvmArg("-Ddiag.way=throwing-strategy").withoutAgent().run();
        ChildJvm.Result agent = diag("wrapped").jvmArg("-Ddiag.way=throwing-strategy").config(config).run();
        assertEquals(1, plain.exitCode, plain.toString());
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode p = onlyEvent().path("properties");
        assertEquals("java.lang.IllegalArgumentException", p.path("error_type").asText());
        assertTrue(p.path("error_site").asText().startsWith("sample.cli.DiagnosticsCli.lambda$"),
                "the strategy is a lambda of the tool's main class: " + p);
    }

    @Test
    void aProgrammaticSpecWhoseStrategyThrowsIsSitedInTheTool() throws Exception {
        String[] args = {"update", "--url", "jdbc:crash://db.internal/prod"};
        ChildJvm.Result plain = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SpecCli")
                .args(args).withoutAgent().run();
        ChildJvm.Result agent = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SpecCli")
                .args(args).config(config).run();
        assertEquals(1, plain.exitCode, plain.toString());
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        JsonNode e = onlyEvent();
        assertEquals("command_update", e.path("event").asText());
        JsonNode p = e.path("properties");
        assertEquals("java.lang.IllegalStateException", p.path("error_type").asText());
        assertEquals("sample.cli.SpecCli.run", p.path("error_site").asText(),
                "no user object: the code source of the class that called execute");
        assertFalse(collector.allBytes().contains("db.internal"), collector.allBytes());
    }

    @Test
    void theProjectHashIsTheSaltedHashOfTheNearestAncestorHoldingGit() throws Exception {
        Path repo = java.nio.file.Files.createDirectories(home.resolve("work/acme"));
        java.nio.file.Files.createDirectories(repo.resolve(".git"));
        Path inside = java.nio.file.Files.createDirectories(repo.resolve("src/main"));
        Path hashing = ChildJvm.write(home, "hashing.toml", Configs.header("project_hash = true\n")
                + Configs.sender(collector, "") + Configs.picocli());
        ChildJvm.Result agent = cli("hello").workingDir(inside).config(hashing).run();
        assertEquals(0, agent.exitCode, agent.toString());
        JsonNode c = onlyEvent().path("context");
        assertEquals(PipelineIT.expectedHash(repo.toString()), c.path("project_hash").asText());
        assertFalse(collector.allBytes().contains("acme"), collector.allBytes());
    }

    @Test
    void withoutProjectHashTheContextHasNone() throws Exception {
        cli("hello").config(config).run();
        assertFalse(onlyEvent().path("context").has("project_hash"));
    }

    @Test
    void aPluginsFramesAreNeverNamed() throws Exception {
        ChildJvm.Result agent = diag("plugin").config(config).run();
        assertEquals(1, agent.exitCode, agent.toString());
        JsonNode p = onlyEvent().path("properties");
        assertEquals("java.lang.UnsupportedOperationException", p.path("error_type").asText());
        assertEquals("sample.cli.DiagnosticsCli$Plugin.call", p.path("error_site").asText(),
                "the innermost frame of the tool's own code source, not the plugin's");
        assertEquals(fingerprint("java.lang.UnsupportedOperationException", "sample.cli.DiagnosticsCli$Plugin.call",
                "sample.cli.DiagnosticsCli.main"), p.path("error_fingerprint").asText());
        assertFalse(collector.allBytes().contains("cliplugin"), collector.allBytes());
    }

    @Test
    void aFailureWhoseFramesAllBelongToAnotherCodeSourceNamesNoSite() throws Exception {
        ChildJvm.Result agent = diag("plugin-async").config(config).run();
        assertEquals(1, agent.exitCode, agent.toString());
        JsonNode p = onlyEvent().path("properties");
        assertEquals("java.util.concurrent.CompletionException", p.path("error_type").asText());
        assertEquals("java.lang.UnsupportedOperationException", p.path("error_root_type").asText());
        assertFalse(p.has("error_site"), "the plugin failed on a pool thread: no frame of the tool's own");
        assertEquals(fingerprint("java.lang.UnsupportedOperationException"), p.path("error_fingerprint").asText());
        assertFalse(collector.allBytes().contains("cliplugin"), collector.allBytes());
    }

    @Test
    void aFailingMethodIsSitedInItsOwnCodeAndGroupsWithTheCallThatWrapsIt() throws Exception {
        ChildJvm.Result agent = pipeline("try", "p", "bad").config(config).run();
        assertEquals("caught IOException: same=true\n", agent.stdout);
        collector.awaitJsonEvents(5, Duration.ofSeconds(15));
        awaitSpoolsEmpty();
        String expected = fingerprint("java.lang.IllegalStateException", "sample.pipeline.Pipeline.load",
                "sample.pipeline.Pipeline.run", "sample.pipeline.PipelineMain.main");
        int failures = 0;
        for (JsonNode e : collector.jsonEvents()) {
            JsonNode p = e.path("properties");
            if (p.path("success").asBoolean(true)) {
                assertFalse(p.has("error_site") || p.has("error_fingerprint"), "a success carries none: " + p);
                continue;
            }
            failures++;
            assertEquals("sample.pipeline.Pipeline.load", p.path("error_site").asText(), e.toString());
            assertEquals(expected, p.path("error_fingerprint").asText(), e.toString());
        }
        assertEquals(2, failures, "load and the run around it");
    }

    @Test
    void theSameFailureHasTheSameFingerprintWhateverTheSalt() throws Exception {
        Path other = ChildJvm.write(home, "other.toml", Configs.header("").replace("test-salt", "another-salt")
                .replace("error_details = true", "error_details = false") + Configs.sender(collector, "")
                + Configs.picocli());
        cli("fail").config(config).run();
        cli("fail").config(other).run();
        List<JsonNode> events = events(2);
        JsonNode a = events.get(0).path("properties");
        JsonNode b = events.get(1).path("properties");
        assertEquals(a.path("error_fingerprint").asText(), b.path("error_fingerprint").asText());
        assertEquals(20, a.path("error_fingerprint").asText().length());
        assertTrue(a.has("error_message") != b.has("error_message"), "only error_details = true sends the message");
    }
}
