package dev.telemetryagent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.config.Mode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentPromptTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private AgentConfig config(String telemetry) throws Exception {
        return new ConfigReader(home.toString()).read("cfg.toml", "[app]\nname = \"acme\"\n[telemetry]\n" + telemetry);
    }

    private static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersByNumberOrWord() {
        assertEquals(ConsentPrompt.Answer.OFF, ConsentPrompt.parse(" 1 ", true));
        assertEquals(ConsentPrompt.Answer.ANONYMOUS, ConsentPrompt.parse("Anonymous", false));
        assertEquals(ConsentPrompt.Answer.IDENTIFIED, ConsentPrompt.parse("3", true));
        assertNull(ConsentPrompt.parse("3", false));
        assertEquals(ConsentPrompt.Answer.QUIT, ConsentPrompt.parse("Q", false));
        assertNull(ConsentPrompt.parse("yes", true));
    }

    @Test
    void readsOneLineAndLeavesTheRestForTheApplication() throws Exception {
        ByteArrayInputStream in = in("2\r\nmore for the app\n");
        assertEquals("2", ConsentPrompt.readLine(in));
        assertEquals("more for the app\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void asksAgainAfterAnInvalidAnswer() throws Exception {
        assertEquals(ConsentPrompt.Answer.ANONYMOUS, ConsentPrompt.ask(config(""), in("maybe\n2\n"), err));
        String text = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Please enter 1, 2 or q."), text);
        assertFalse(text.contains("[3] identified"), "identified is offered only when the config allows it");
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("[telemetry-agent]"), line);
        }
    }

    @Test
    void endOfInputOrThreeBadAnswersIsNoAnswer() throws Exception {
        assertEquals(ConsentPrompt.Answer.NONE, ConsentPrompt.ask(config(""), in(""), err));
        assertEquals(ConsentPrompt.Answer.NONE, ConsentPrompt.ask(config(""), in("a\nb\nc\n2\n"), err));
    }

    @Test
    void identifiedIsOfferedWhenTheConfigIsIdentified() throws Exception {
        assertEquals(ConsentPrompt.Answer.IDENTIFIED,
                ConsentPrompt.ask(config("mode = \"identified\"\n"), in("3\n"), err));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("[3] identified"));
    }

    @Test
    void firstRunRecordsTheAnswerOrTheNotice() throws Exception {
        AgentConfig prompt = config("consent = \"prompt\"\n");
        assertEquals(FirstRun.Outcome.DECIDE_AGAIN, FirstRun.run(prompt, "java -jar a.jar", in("2\n"), err));
        StateFile f = StateFile.read(Situation.userStateFile(prompt));
        assertEquals(Mode.ANONYMOUS, f.mode());
        assertEquals(UserChoices.today(), f.consentGivenOn());

        assertEquals(FirstRun.Outcome.QUIT, FirstRun.run(prompt, "java -jar a.jar", in("q\n"), err));
        assertEquals(FirstRun.Outcome.SEND_NOTHING, FirstRun.run(prompt, "java -jar a.jar", in("1\n"), err));
        assertEquals(Boolean.FALSE, StateFile.read(Situation.userStateFile(prompt)).enabled());
    }

    @Test
    void noticeRunSendsNothingButRecordsTheNotice() throws Exception {
        AgentConfig notice = config("consent = \"notice\"\n");
        assertEquals(FirstRun.Outcome.SEND_NOTHING, FirstRun.run(notice, "java -jar a.jar", in(""), err));
        String text = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("java -jar a.jar disable"), text);
        assertTrue(text.contains("DO_NOT_TRACK=1"), text);
        assertEquals(UserChoices.today(), StateFile.read(Situation.userStateFile(notice)).noticeShownOn());
    }
}
