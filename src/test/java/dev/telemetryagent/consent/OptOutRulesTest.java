package dev.telemetryagent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.config.Mode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutRulesTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final Properties props = new Properties();
    private String javaCommand = "sample.Main run";

    private AgentConfig config(String telemetry) throws Exception {
        return new ConfigReader(home.toString()).read(home.resolve("agent-config.toml").toString(),
                "[app]\nname = \"my-app.x\"\n[telemetry]\n" + telemetry + "\n");
    }

    private Decision decide(String telemetry) throws Exception {
        return OptOutRules.decide(situation(config(telemetry)));
    }

    private Situation situation(AgentConfig c) {
        return new Situation(c, env, props, home.toFile(), javaCommand);
    }

    private void userFile(String text) throws Exception {
        Path p = home.resolve(".my-app.x/telemetry.toml");
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Path projectDir(String text) throws Exception {
        Path project = home.resolve("project");
        Path p = project.resolve(".my-app.x/telemetry.toml");
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return project;
    }

    @Test
    void withNothingSaidTelemetryIsOnInTheConfiguredMode() throws Exception {
        Decision d = decide("consent = \"none\"");
        assertTrue(d.isEnabled());
        assertEquals(Mode.ANONYMOUS, d.mode());
        assertNull(d.userId());
        assertFalse(d.ciRun());
        assertNull(d.rule());
    }

    @Test
    void rulesAreInTheContractsOrder() {
        assertEquals(List.of("mode_off", "do_not_track", "disable_env", "system_property", "ci", "user_state",
                "project_state", "disable_flag", "consent"), OptOutRules.names());
    }

    @Test
    void modeOffInTheConfig() throws Exception {
        Decision d = decide("mode = \"off\"");
        assertFalse(d.isEnabled());
        assertEquals("mode_off", d.rule());
        assertTrue(d.reason().startsWith("disabled: mode = \"off\" in "), d.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "TRUE", "yes", " 1 ", "anything"})
    void doNotTrackWithAnyValueButZeroOrFalse(String value) throws Exception {
        env.put("DO_NOT_TRACK", value);
        Decision d = decide("consent = \"none\"");
        assertEquals("do_not_track", d.rule());
        assertEquals("disabled by DO_NOT_TRACK", d.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "FALSE", " False ", "", "  "})
    void doNotTrackZeroFalseOrEmptyIsNoOptOut(String value) throws Exception {
        env.put("DO_NOT_TRACK", value);
        assertTrue(decide("consent = \"none\"").isEnabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MY_APP_X_TELEMETRY_DISABLED", "DISABLE_TELEMETRY", "TELEMETRY_DISABLED", "ACME_NO_STATS"})
    void disableVariables(String variable) throws Exception {
        env.put(variable, "1");
        Decision d = decide("consent = \"none\"\ndisable_env = [\"ACME_NO_STATS\"]");
        assertEquals("disable_env", d.rule());
        assertEquals("disabled by " + variable, d.reason());
    }

    @Test
    void disableVariableSetToFalseIsNoOptOut() throws Exception {
        env.put("DISABLE_TELEMETRY", "false");
        env.put("MY_APP_X_TELEMETRY_DISABLED", "0");
        assertTrue(decide("consent = \"none\"").isEnabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", ""})
    void systemProperty(String value) throws Exception {
        props.setProperty("telemetry.disabled", value);
        assertEquals("system_property", decide("consent = \"none\"").rule());
    }

    @Test
    void systemPropertyFalseIsNoOptOut() throws Exception {
        props.setProperty("telemetry.disabled", "false");
        assertTrue(decide("consent = \"none\"").isEnabled());
    }

    @Test
    void ciDisablesByDefault() throws Exception {
        env.put("GITHUB_ACTIONS", "true");
        Decision d = decide("consent = \"none\"");
        assertEquals("ci", d.rule());
        assertEquals("disabled in CI (GitHub Actions: GITHUB_ACTIONS is set)", d.reason());
    }

    @Test
    void ciTagSendsWithCiRun() throws Exception {
        env.put("CI", "true");
        Decision d = decide("consent = \"none\"\nci = \"tag\"");
        assertTrue(d.isEnabled());
        assertTrue(d.ciRun());
    }

    @Test
    void userStateDisabledByTheDisableCommandSaysWhen() throws Exception {
        userFile("enabled = false\nenabled_changed_by = \"disable\"\nenabled_changed_on = \"2026-11-20\"\n");
        Decision d = decide("consent = \"none\"");
        assertEquals("user_state", d.rule());
        assertEquals("disabled: user ran `disable` on 2026-11-20", d.reason());
    }

    @Test
    void userStateModeOffOrHandEditedEnabledFalse() throws Exception {
        userFile("mode = \"off\"\n");
        assertEquals("user_state", decide("consent = \"none\"").rule());
        userFile("enabled = false\n");
        assertTrue(decide("consent = \"none\"").reason().startsWith("disabled: enabled = false in "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"enabled = \"no\"\n", "enabled = \n", "mode = \"loud\"\n", "[[[\n", "user_id = 3\n"})
    void unreadableUserStateIsAnOptOutWithOneWarning(String text) throws Exception {
        userFile(text);
        Situation s = situation(config("consent = \"none\""));
        Decision d = OptOutRules.decide(s);
        assertEquals("user_state", d.rule());
        assertTrue(d.reason().contains("cannot be read"), d.reason());
        List<String> warnings = s.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("telemetry.toml"), warnings.get(0));
    }

    @Test
    void aUserStateFileThatIsNotUtf8IsAnOptOutNamingTheLine() throws Exception {
        Path p = home.resolve(".my-app.x/telemetry.toml");
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {'#', ' ', 'x', '\n', 'e', 'n', 'a', 'b', 'l', 'e', 'd', '=', 't', 'r', 'u', 'e',
            ' ', '#', ' ', (byte) 0xff, '\n'});
        Decision d = OptOutRules.decide(situation(config("consent = \"none\"")));
        assertEquals("user_state", d.rule());
        assertTrue(d.reason().contains("line 2: not valid UTF-8"), d.reason());
    }

    @Test
    void projectFileOnlyNarrows() throws Exception {
        AgentConfig c = config("consent = \"none\"\nmode = \"identified\"\nuser_id = \"u-1\"");
        Path project = projectDir("mode = \"anonymous\"\n");
        Decision d = OptOutRules.decide(new Situation(c, env, props, project.toFile(), javaCommand));
        assertTrue(d.isEnabled());
        assertEquals(Mode.ANONYMOUS, d.mode());
        assertNull(d.userId());

        Path widening = projectDir("mode = \"identified\"\nenabled = true\n");
        AgentConfig anonymous = config("consent = \"none\"\nuser_id = \"u-1\"");
        Decision w = OptOutRules.decide(new Situation(anonymous, env, props, widening.toFile(), javaCommand));
        assertEquals(Mode.ANONYMOUS, w.mode());
    }

    @Test
    void projectFileDisables() throws Exception {
        Path project = projectDir("enabled = false\n");
        Decision d = OptOutRules.decide(new Situation(config("consent = \"none\""), env, props, project.toFile(),
                javaCommand));
        assertEquals("project_state", d.rule());
    }

    @Test
    void disableFlagAmongTheArguments() throws Exception {
        javaCommand = "sample.Main run --disable-telemetry";
        assertEquals(OptOutRules.DISABLE_FLAG, decide("consent = \"none\"").rule());
        javaCommand = "sample.Main run --disable-telemetry-not";
        assertTrue(decide("consent = \"none\"").isEnabled());
    }

    @Test
    void noticeConsentNeedsTheNoticeShown() throws Exception {
        Decision d = decide("consent = \"notice\"");
        assertEquals(OptOutRules.CONSENT, d.rule());
        assertEquals("no consent yet: the first-run notice has not been shown", d.reason());
        userFile("notice_shown_on = \"2026-11-20\"\n");
        assertTrue(decide("consent = \"notice\"").isEnabled());
    }

    @Test
    void promptConsentNeedsAnAnswerNotJustTheNotice() throws Exception {
        userFile("notice_shown_on = \"2026-11-20\"\n");
        Decision d = decide("consent = \"prompt\"");
        assertEquals(OptOutRules.CONSENT, d.rule());
        assertEquals("no consent yet: the telemetry question has not been answered", d.reason());
        userFile("consent_given_on = \"2026-11-20\"\nmode = \"anonymous\"\n");
        assertTrue(decide("consent = \"prompt\"").isEnabled());
    }

    @Test
    void identifiedSendsTheConfiguredUserIdElseTheStateFilesAndAnonymousNever() throws Exception {
        assertEquals("u-cfg", decide("consent = \"none\"\nmode = \"identified\"\nuser_id = \"u-cfg\"").userId());
        userFile("user_id = \"u-state\"\n");
        assertEquals("u-state", decide("consent = \"none\"\nmode = \"identified\"").userId());
        assertNull(decide("consent = \"none\"\nmode = \"anonymous\"\nuser_id = \"u-cfg\"").userId());
    }

    @Test
    void theUsersModeNarrowsTheConfigsButNeverWidensIt() throws Exception {
        userFile("mode = \"anonymous\"\n");
        Decision d = decide("consent = \"none\"\nmode = \"identified\"\nuser_id = \"u\"");
        assertEquals(Mode.ANONYMOUS, d.mode());
        assertNull(d.userId());
        userFile("mode = \"identified\"\n");
        assertEquals(Mode.ANONYMOUS, decide("consent = \"none\"").mode());
    }

    @Test
    void theFirstRuleThatAppliesDecides() throws Exception {
        env.put("DO_NOT_TRACK", "1");
        env.put("CI", "1");
        userFile("enabled = false\n");
        assertEquals("mode_off", decide("mode = \"off\"").rule());
        assertEquals("do_not_track", decide("consent = \"none\"").rule());
    }

    @Test
    void decidingAgainSeesAStateFileWrittenMeanwhile() throws Exception {
        AgentConfig c = config("consent = \"none\"");
        assertTrue(OptOutRules.decide(situation(c)).isEnabled());
        UserChoices.disable(new File(c.telemetry().stateDir(), "telemetry.toml"), "my-app.x", UserChoices.BY_DISABLE, "acme-cli");
        assertEquals("user_state", OptOutRules.decide(situation(c)).rule());
    }
}
