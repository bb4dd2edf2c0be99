package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import dev.telemetryagent.it.support.StateDirs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each opt-out alone keeps every byte on the machine: both sample apps run with the rule in place,
 * their stdout and exit code are those of a run without the agent, no spool file is written, no
 * request reaches the collector, and {@code status} (the control command, run with the same
 * environment) names the rule. Each non-rule ({@code DO_NOT_TRACK=0}, ...) sends, which also proves
 * the collector would have seen a leak.
 */
class OptOutIT extends AgentIT {

    /** One way of saying no (or a value that must not count as one). */
    static final class Case {
        final String name;
        final String telemetry;
        final Map<String, String> env = new LinkedHashMap<>();
        final List<String> jvmArgs = new ArrayList<>();
        final Map<String, String> files = new LinkedHashMap<>();
        String workingDir;
        String rule;
        String reason;
        int warnings;

        Case(String name, String telemetry) {
            this.name = name;
            this.telemetry = telemetry;
        }

        Case env(String k, String v) {
            env.put(k, v);
            return this;
        }

        Case jvmArg(String a) {
            jvmArgs.add(a);
            return this;
        }

        /** A file relative to home. */
        Case file(String path, String text) {
            files.put(path, text);
            return this;
        }

        Case in(String dir) {
            workingDir = dir;
            return this;
        }

        Case decidedBy(String rule, String reason) {
            this.rule = rule;
            this.reason = reason;
            return this;
        }

        Case warnings(int n) {
            warnings = n;
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                new Case("mode = off", "mode = \"off\"").decidedBy("mode_off", "disabled: mode = \"off\" in "),
                new Case("DO_NOT_TRACK=1", "").env("DO_NOT_TRACK", "1")
                        .decidedBy("do_not_track", "disabled by DO_NOT_TRACK"),
                new Case("DO_NOT_TRACK=true", "").env("DO_NOT_TRACK", "true")
                        .decidedBy("do_not_track", "disabled by DO_NOT_TRACK"),
                new Case("DO_NOT_TRACK=Yes", "").env("DO_NOT_TRACK", " Yes ")
                        .decidedBy("do_not_track", "disabled by DO_NOT_TRACK"),
                new Case("SAMPLE_TELEMETRY_DISABLED=1", "").env("SAMPLE_TELEMETRY_DISABLED", "1")
                        .decidedBy("disable_env", "disabled by SAMPLE_TELEMETRY_DISABLED"),
                new Case("DISABLE_TELEMETRY=1", "").env("DISABLE_TELEMETRY", "1")
                        .decidedBy("disable_env", "disabled by DISABLE_TELEMETRY"),
                new Case("TELEMETRY_DISABLED=true", "").env("TELEMETRY_DISABLED", "true")
                        .decidedBy("disable_env", "disabled by TELEMETRY_DISABLED"),
                new Case("disable_env ACME_NO_STATS=1", "disable_env = [\"ACME_NO_STATS\"]").env("ACME_NO_STATS", "1")
                        .decidedBy("disable_env", "disabled by ACME_NO_STATS"),
                new Case("-Dtelemetry.disabled=true", "").jvmArg("-Dtelemetry.disabled=true")
                        .decidedBy("system_property", "disabled by -Dtelemetry.disabled=true"),
                new Case("CI=true", "").env("CI", "true").decidedBy("ci", "disabled in CI (CI=true)"),
                new Case("GITHUB_ACTIONS=true", "").env("GITHUB_ACTIONS", "true")
                        .decidedBy("ci", "disabled in CI (GitHub Actions: GITHUB_ACTIONS is set)"),
                new Case("TF_BUILD=True", "").env("TF_BUILD", "True")
                        .decidedBy("ci", "disabled in CI (Azure Pipelines: TF_BUILD is set)"),
                new Case("JENKINS_URL", "").env("JENKINS_URL", "http://jenkins:8080/").env("BUILD_ID", "7")
                        .decidedBy("ci", "disabled in CI (Jenkins: JENKINS_URL is set)"),
                new Case("NETLIFY with CI=false", "").env("CI", "false").env("NETLIFY", "true")
                        .decidedBy("ci", "disabled in CI (Netlify: NETLIFY is set)"),
                new Case("user file enabled = false", "")
                        .file(".sample/telemetry.toml", "enabled = false\n")
                        .decidedBy("user_state", "disabled: enabled = false in "),
                new Case("user file mode = off", "")
                        .file(".sample/telemetry.toml", "# mine\nmode = \"off\"\n")
                        .decidedBy("user_state", "disabled: mode = \"off\" in "),
                new Case("user file unreadable", "")
                        .file(".sample/telemetry.toml", "enabled = maybe\n")
                        .decidedBy("user_state", "cannot be read (line 1").warnings(1),
                new Case("user file disabled by the disable command", "")
                        .file(".sample/telemetry.toml", "enabled = false\nenabled_changed_by = \"disable\"\n"
                                + "enabled_changed_on = \"2026-11-20\"\n")
                        .decidedBy("user_state", "disabled: user ran `disable` on 2026-11-20"),
                new Case("project file enabled = false", "")
                        .file("project/.sample/telemetry.toml", "enabled = false\n").in("project")
                        .decidedBy("project_state", "disabled for this project by "),
                new Case("project file unreadable", "")
                        .file("project/.sample/telemetry.toml", "[[[\n").in("project")
                        .decidedBy("project_state", "cannot be read").warnings(1),
                new Case("consent notice, never shown", "consent = \"notice\"")
                        .decidedBy("consent", "no consent yet: the first-run notice has not been shown"),
                new Case("consent prompt, never answered", "consent = \"prompt\"")
                        .decidedBy("consent", "no consent yet: the telemetry question has not been answered"),
                new Case("consent prompt, only the notice seen", "consent = \"prompt\"")
                        .file(".sample/telemetry.toml", "notice_shown_on = \"2026-11-20\"\n")
                        .decidedBy("consent", "no consent yet: the telemetry question has not been answered"))
                .map(Arguments::of);
    }

    static Stream<Arguments> nonRules() {
        return Stream.of(
                new Case("DO_NOT_TRACK=0", "").env("DO_NOT_TRACK", "0"),
                new Case("DO_NOT_TRACK=false", "").env("DO_NOT_TRACK", "false"),
                new Case("DO_NOT_TRACK=FALSE", "").env("DO_NOT_TRACK", " FALSE "),
                new Case("DO_NOT_TRACK empty", "").env("DO_NOT_TRACK", ""),
                new Case("SAMPLE_TELEMETRY_DISABLED=0", "").env("SAMPLE_TELEMETRY_DISABLED", "0"),
                new Case("CI=false", "").env("CI", "false"),
                new Case("CI=0", "").env("CI", "0"),
                new Case("-Dtelemetry.disabled=false", "").jvmArg("-Dtelemetry.disabled=false"),
                new Case("project file enabled = true", "")
                        .file("project/.sample/telemetry.toml", "enabled = true\n").in("project"),
                new Case("notice shown", "consent = \"notice\"")
                        .file(".sample/telemetry.toml", "notice_shown_on = \"2026-11-20\"\n"))
                .map(Arguments::of);
    }

    private Path prepare(Case c) {
        for (Map.Entry<String, String> f : c.files.entrySet()) {
            ChildJvm.write(home, f.getKey(), f.getValue());
        }
        String header = Configs.header(c.telemetry);
        if (c.telemetry.contains("consent =")) {
            header = header.replace("consent = \"none\"\n", "");
        }
        return ChildJvm.write(home, "agent-config.toml", header
                + Configs.sender(collector, "") + Configs.picocli() + Configs.pipeline());
    }

    private ChildJvm child(Case c) {
        ChildJvm j = ChildJvm.in(home);
        c.env.forEach(j::env);
        c.jvmArgs.forEach(j::jvmArg);
        if (c.workingDir != null) {
            j.workingDir(home.resolve(c.workingDir));
        }
        return j;
    }

    private List<ChildJvm> apps(Case c, Path config) {
        return List.of(
                child(c).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args("hello", "--name", "alice"),
                child(c).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain")
                        .args("run", "orders", "customers"));
    }

    private static ChildJvm.Result plain(ChildJvm app) {
        return app.withoutAgent().run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleKeepsEveryByteOnTheMachine(Case c) throws Exception {
        Path config = prepare(c);
        List<ChildJvm.Result> plainRuns = new ArrayList<>();
        for (ChildJvm app : apps(c, config)) {
            plainRuns.add(plain(app));
        }
        List<ChildJvm> agentApps = apps(c, config);
        for (int i = 0; i < agentApps.size(); i++) {
            ChildJvm.Result agent = agentApps.get(i).config(config).run();
            ChildJvm.Result plain = plainRuns.get(i);
            assertEquals(plain.stdout, agent.stdout, agent.toString());
            assertEquals(plain.exitCode, agent.exitCode, agent.toString());
            assertEquals(c.warnings, agent.agentLines().size(), agent.toString());
        }
        assertNoSpool();

        ChildJvm.Result status = status(c, config);
        assertEquals(0, status.exitCode, status.toString());
        assertTrue(status.stdout.startsWith("Telemetry for sample: disabled\n"), status.stdout);
        assertTrue(status.stdout.contains("\n  rule       " + c.rule + " ("), status.stdout);
        assertTrue(status.stdout.contains(c.reason), status.stdout);

        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount(), collector.allBytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonRules")
    void nonRuleSends(Case c) throws Exception {
        Path config = prepare(c);
        ChildJvm app = apps(c, config).get(1);
        ChildJvm.Result plain = plain(apps(c, config).get(1));
        ChildJvm.Result agent = app.config(config).run();
        assertEquals(plain.stdout, agent.stdout);
        assertEquals(plain.exitCode, agent.exitCode);
        collector.awaitRequests(1, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(home.resolve(".sample"));

        ChildJvm.Result status = status(c, config);
        assertTrue(status.stdout.startsWith("Telemetry for sample: enabled\n"), status.stdout);
    }

    private ChildJvm.Result status(Case c, Path config) {
        return child(c).jar(ChildJvm.AGENT_JAR).withoutAgent().args("--config", config.toString(), "status").run();
    }

    private void assertNoSpool() {
        File[] spooled = home.resolve(".sample/spool").toFile().listFiles();
        assertTrue(spooled == null || Stream.of(spooled).noneMatch(f -> f.getName().endsWith(".jsonl")),
                "nothing spooled");
        assertTrue(!Files.exists(home.resolve(".sample/sent.jsonl")), "nothing sent");
    }
}
