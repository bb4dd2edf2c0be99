package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import dev.telemetryagent.it.support.StateDirs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Consent on a real terminal (a pseudo-terminal made by util-linux {@code script}): the first-run notice
 * and the first-run question, and that runs without a terminal never print, never ask, never block and
 * never send before consent.
 */
class ConsentIT extends AgentIT {
    private static final String APP_OUTPUT = "status=COMPLETED rows=7";
    private static final String QUESTION = "[telemetry-agent] Enter your choice: ";


    private Path config(String telemetry) {
        String header = Configs.header(telemetry).replace("consent = \"none\"\n", "");
        return ChildJvm.write(home, "agent-config.toml",
                header + Configs.sender(collector, "") + Configs.pipeline());
    }

    private ChildJvm pipeline(Path config) {
        return ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain")
                .args("run", "orders", "customers").config(config);
    }

    private Path stateFile() {
        return home.resolve(".sample/telemetry.toml");
    }

    private void assertNothingSent() throws InterruptedException {
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount(), collector.allBytes());
    }

    /** The events of the terminal run just ended, once its detached sender has delivered them. */
    private List<JsonNode> deliveredEventsOfTerminalRun() throws Exception {
        Set<String> runIds = StateDirs.runIds(home.resolve(".sample"));
        StateDirs.awaitDelivered(home.resolve(".sample"));
        runIds.addAll(StateDirs.runIds(home.resolve(".sample")));
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode e : collector.jsonEvents()) {
            if (runIds.contains(e.path("context").path("run_id").asText())) {
                mine.add(e);
            }
        }
        assertFalse(mine.isEmpty(), "the terminal run's events reached the collector: " + collector.jsonEvents());
        return mine;
    }

    private static long count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1L;
    }

    @Test
    void noticeIsShownOnceOnATerminalAndThatRunSendsNothing() throws Exception {
        Path config = config("consent = \"notice\"");

        ChildJvm.Result quiet = pipeline(config).run();
        assertEquals(APP_OUTPUT + "\n", quiet.stdout);
        assertTrue(quiet.stderr.isEmpty(), "no terminal: nothing printed: " + quiet.stderr);
        assertFalse(Files.exists(stateFile()), "no terminal: nothing recorded");

        ChildJvm.Result first = pipeline(config).runInTerminal("");
        assertEquals(0, first.exitCode, first.toString());
        assertTrue(first.stdout.contains(APP_OUTPUT), first.stdout);
        assertTrue(first.stdout.contains("[telemetry-agent] sample collects anonymous usage telemetry"), first.stdout);
        assertTrue(first.stdout.contains("Nothing was sent from this run."), first.stdout);
        assertTrue(first.stdout.contains(" disable\n"), "says how to opt out: " + first.stdout);
        assertTrue(first.stdout.contains("DO_NOT_TRACK=1"), first.stdout);
        assertTrue(Files.readString(stateFile()).contains("notice_shown_on = \"20"));
        assertNothingSent();

        ChildJvm.Result second = pipeline(config).runInTerminal("");
        assertFalse(second.stdout.contains("[telemetry-agent]"), "shown once: " + second.stdout);
        assertTrue(second.stdout.contains(APP_OUTPUT));
        deliveredEventsOfTerminalRun();

        int before = collector.requestCount();
        ChildJvm.Result batch = pipeline(config).run();
        assertEquals(APP_OUTPUT + "\n", batch.stdout);
        collector.awaitRequests(before + 1, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(home.resolve(".sample"));
    }

    @Test
    void promptAnsweredAnonymousRecordsItAndThatRunSends() throws Exception {
        Path config = config("consent = \"prompt\"");
        ChildJvm.Result r = pipeline(config).runInTerminal("2\n");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("[telemetry-agent]   [1] off"), r.stdout);
        assertTrue(r.stdout.contains("[telemetry-agent]   [2] anonymous"), r.stdout);
        assertFalse(r.stdout.contains("[3] identified"), "the config does not allow identified: " + r.stdout);
        assertTrue(r.stdout.contains(QUESTION), r.stdout);
        assertTrue(r.stdout.indexOf(QUESTION) < r.stdout.indexOf(APP_OUTPUT), "asked before the app started");
        String state = Files.readString(stateFile());
        assertTrue(state.contains("mode = \"anonymous\""), state);
        assertTrue(state.contains("consent_given_on = \"20"), state);

        List<JsonNode> events = deliveredEventsOfTerminalRun();
        assertTrue(events.size() >= 4, events.toString());
        for (JsonNode e : events) {
            assertFalse(e.has("userId"), e.toString());
        }

        ChildJvm.Result again = pipeline(config).runInTerminal("");
        assertFalse(again.stdout.contains(QUESTION), "answered once: " + again.stdout);
        StateDirs.awaitDelivered(home.resolve(".sample"));
    }

    @Test
    void promptAnsweredIdentifiedSendsTheUserId() throws Exception {
        Path config = config("consent = \"prompt\"\nmode = \"identified\"\nuser_id = \"u-9\"");
        ChildJvm.Result r = pipeline(config).runInTerminal("identified\n");
        assertTrue(r.stdout.contains("[3] identified"), r.stdout);
        List<JsonNode> events = deliveredEventsOfTerminalRun();
        assertEquals("u-9", events.get(0).path("userId").asText());
    }

    @Test
    void promptAnsweredOffSendsNothingNowOrLater() throws Exception {
        Path config = config("consent = \"prompt\"");
        ChildJvm.Result r = pipeline(config).runInTerminal("1\n");
        assertEquals(0, r.exitCode);
        assertTrue(r.stdout.contains(APP_OUTPUT));
        ChildJvm.Result later = pipeline(config).runInTerminal("");
        assertFalse(later.stdout.contains(QUESTION), later.stdout);
        pipeline(config).run();
        assertNothingSent();
        ChildJvm.Result status = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", config.toString(), "status").run();
        assertTrue(status.stdout.contains("disabled: user answered \"off\" to the telemetry question on 20"),
                status.stdout);
    }

    @Test
    void quitEndsTheRunBeforeTheApplicationStartsAndAsksAgainNextTime() throws Exception {
        Path config = config("consent = \"prompt\"");
        ChildJvm.Result r = pipeline(config).runInTerminal("q\n");
        assertEquals(130, r.exitCode, r.toString());
        assertFalse(r.stdout.contains(APP_OUTPUT), r.stdout);
        assertFalse(Files.exists(stateFile()));
        ChildJvm.Result next = pipeline(config).runInTerminal("");
        assertTrue(next.stdout.contains(QUESTION), next.stdout);
        assertTrue(next.stdout.contains("no answer: nothing is sent"), next.stdout);
        assertTrue(next.stdout.contains(APP_OUTPUT), "end of input: the app runs: " + next.stdout);
        assertNothingSent();
    }

    @Test
    void deletingTheStateFileAsksAgain() throws Exception {
        Path config = config("consent = \"prompt\"");
        pipeline(config).runInTerminal("2\n");
        assertTrue(Files.exists(stateFile()));
        StateDirs.awaitDelivered(home.resolve(".sample"));
        Files.delete(stateFile());
        ChildJvm.Result r = pipeline(config).runInTerminal("1\n");
        assertEquals(1, count(r.stdout, QUESTION), r.stdout);
        assertTrue(Files.readString(stateFile()).contains("enabled = false"));
    }

    @Test
    void anInvalidAnswerIsAskedAgain() throws Exception {
        Path config = config("consent = \"prompt\"");
        ChildJvm.Result r = pipeline(config).runInTerminal("yes please\n2\n");
        assertTrue(r.stdout.contains("Please enter 1, 2 or q."), r.stdout);
        assertEquals(2, count(r.stdout, QUESTION), r.stdout);
        assertTrue(Files.readString(stateFile()).contains("mode = \"anonymous\""));
        StateDirs.awaitDelivered(home.resolve(".sample"));
    }

    @Test
    void withoutATerminalThePromptNeverAsksBlocksOrSends() throws Exception {
        Path config = config("consent = \"prompt\"");
        ChildJvm.Result r = pipeline(config).timeoutSeconds(20).run();
        assertEquals(APP_OUTPUT + "\n", r.stdout);
        assertTrue(r.stderr.isEmpty(), r.stderr);
        assertFalse(Files.exists(stateFile()));
        assertNothingSent();
    }

    @Test
    void stdinOnATerminalButStdoutRedirectedIsNotInteractive() throws Exception {
        Path config = config("consent = \"prompt\"");
        Path out = home.resolve("out.txt");
        StringBuilder shell = new StringBuilder();
        for (String w : pipeline(config).command()) {
            shell.append('\'').append(w.replace("'", "'\\''")).append("' ");
        }
        shell.append("> '").append(out).append('\'');
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", shell.toString(), "/dev/null");
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", home.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        p.getInputStream().transferTo(terminal);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String shown = terminal.toString(StandardCharsets.UTF_8);
        assertFalse(shown.contains(QUESTION), shown);
        assertEquals(APP_OUTPUT + "\n", Files.readString(out));
        assertFalse(Files.exists(stateFile()));
    }
}
