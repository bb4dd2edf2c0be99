package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Collector;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A maintainer ships the agent inside the tool's own executable jar (the README's recipe): agent
 * classes, the tool, picocli and the config as the resource META-INF/telemetry-agent/agent-config.toml,
 * with {@code Launcher-Agent-Class} in the manifest. {@code java -jar tool.jar} then starts the agent
 * with no -javaagent flag, and the usual lookup order and opt-outs still come first.
 */
class EmbeddedAgentIT extends AgentIT {

    /** Assembles tool.jar the way the README's shading recipe does. */
    private Path toolJar(String embeddedConfig) throws IOException {
        return toolJar(embeddedConfig, true);
    }

    /** @param canRetransform whether the manifest says Can-Retransform-Classes: true, as the recipe does */
    private Path toolJar(String embeddedConfig, boolean canRetransform) throws IOException {
        Path jar = home.resolve("dist/tool.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "sample.cli.SampleCli");
        main.put(Attributes.Name.IMPLEMENTATION_VERSION, "2.5.0");
        main.put(new Attributes.Name("Launcher-Agent-Class"), "dev.telemetryagent.TelemetryAgent");
        if (canRetransform) {
            main.put(new Attributes.Name("Can-Retransform-Classes"), "true");
        }
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            written.add("META-INF/MANIFEST.MF");
            copyJar(Paths.get(ChildJvm.AGENT_JAR), out, written);
            copyJar(Paths.get(SampleApps.picocliJar()), out, written);
            Path cli = Paths.get(SampleApps.cliClasspath().split(java.io.File.pathSeparator)[0]);
            try (Stream<Path> s = Files.walk(cli)) {
                for (Path p : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                    add(out, written, cli.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            add(out, written, "META-INF/telemetry-agent/agent-config.toml",
                    embeddedConfig.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void copyJar(Path from, JarOutputStream out, Set<String> written) throws IOException {
        try (JarFile in = new JarFile(from.toFile())) {
            for (JarEntry e : Collections.list(in.entries())) {
                if (e.isDirectory() || e.getName().equals("META-INF/MANIFEST.MF")
                        || e.getName().endsWith("module-info.class")) {
                    continue;
                }
                try (InputStream s = in.getInputStream(e)) {
                    add(out, written, e.getName(), s.readAllBytes());
                }
            }
        }
    }

    private static void add(JarOutputStream out, Set<String> written, String name, byte[] bytes) throws IOException {
        if (!written.add(name)) {
            return;
        }
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private String embeddedConfig(String appName) {
        return "[app]\nname = \"" + appName + "\"\n\n[telemetry]\nconsent = \"none\"\n\n" + Configs.sender(collector, "")
                + Configs.picocli();
    }

    private ChildJvm tool(Path jar, String... args) {
        return ChildJvm.in(home).withoutAgent().jar(jar.toString()).args(args);
    }

    @Test
    void javaDashJarStartsTheEmbeddedAgentWithItsEmbeddedConfig() throws Exception {
        Path jar = toolJar(embeddedConfig("tool"));
        ChildJvm.Result plain = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli")
                .withoutAgent().args("hello", "--name", "x").run();
        ChildJvm.Result run = tool(jar, "hello", "--name", "x").run();
        assertEquals(plain.stdout, run.stdout);
        assertEquals("Hello, x!\n", run.stdout);
        assertEquals(0, run.exitCode);
        assertEquals("", run.stderr, "no -javaagent, no warning, no agent line");

        List<JsonNode> events = collector.awaitJsonEvents(1, Duration.ofSeconds(20));
        awaitSpoolsEmpty();
        assertEquals(1, collector.jsonEvents().size());
        JsonNode e = events.get(0);
        assertEquals("command_hello", e.path("event").asText());
        assertEquals("tool", e.path("context").path("library").path("name").asText());
        assertEquals("2.5.0", e.path("context").path("library").path("version").asText(), "the tool's manifest");
        assertEquals(agentVersion(), e.path("context").path("agent").path("version").asText(),
                "the agent's own build, not the tool's manifest");
        assertEquals("[\"--name\"]", e.path("properties").path("options").toString());
        assertTrue(Files.isDirectory(home.resolve(".tool")), "state under ~/.<app.name>");
    }

    /** The version the agent jar was built as (the project version, from the jar's own manifest). */
    private static String agentVersion() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR)) {
            return jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        }
    }

    @Test
    void aGlobalConfigForTheSameToolOverridesTheEmbeddedOne() throws Exception {
        // Without Can-Retransform-Classes in the tool's manifest, load-time weaving works all the same.
        Path jar = toolJar(embeddedConfig("tool"), false);
        Path override = ChildJvm.write(home, "override.toml", "[app]\nname = \"tool\"\nversion = \"9.9.9\"\n\n"
                + "[telemetry]\nconsent = \"none\"\n\n" + Configs.sender(collector, "") + Configs.picocli());
        ChildJvm.Result run = tool(jar, "hello").env("TELEMETRY_AGENT_CONFIG", override.toString()).run();
        assertEquals(0, run.exitCode, run.toString());
        JsonNode e = collector.awaitJsonEvents(1, Duration.ofSeconds(30)).get(0);
        assertEquals("9.9.9", e.path("context").path("library").path("version").asText(), "the override's version");
    }

    @Test
    void anotherToolsConfigNeverCapturesThisTool() throws Exception {
        Path jar = toolJar(embeddedConfig("tool"));
        try (Collector other = new Collector()) {
            Path othersConfig = ChildJvm.write(home, "other.toml", "[app]\nname = \"other\"\n\n[telemetry]\n"
                    + "consent = \"none\"\n\n" + Configs.sender(other, "") + Configs.picocli());
            // With debug output on, events are printed instead of sent.
            ChildJvm.Result viaEnv = tool(jar, "hello").env("TELEMETRY_AGENT_CONFIG", othersConfig.toString())
                    .env("TELEMETRY_AGENT_DEBUG", "1").run();
            assertEquals("Hello, world!\n", viaEnv.stdout);
            assertTrue(viaEnv.stderr.contains("debug: embedded config " + jar + "!/META-INF/telemetry-agent/"
                    + "agent-config.toml stands: TELEMETRY_AGENT_CONFIG=" + othersConfig + " names app \"other\""),
                    viaEnv.stderr);
            assertTrue(viaEnv.stderr.contains("\"library\":{\"name\":\"tool\""), viaEnv.stderr);

            ChildJvm.Result viaProperty = tool(jar, "hello").jvmArg("-Dtelemetry.agent.config=" + othersConfig).run();
            assertEquals("", viaProperty.stderr);
            JsonNode e = collector.awaitJsonEvents(1, Duration.ofSeconds(60)).get(0);
            assertEquals("tool", e.path("context").path("library").path("name").asText(), "the embedded config");
            // The run's event reached the tool's own collector: the other tool's endpoint, which would have
            // got it instead, got nothing.
            assertEquals(0, other.requestCount(), other.allBytes());
        }
    }

    @Test
    void optOutsStillApply() throws Exception {
        Path jar = toolJar(embeddedConfig("tool"));
        ChildJvm.Result run = tool(jar, "hello").env("DO_NOT_TRACK", "1").run();
        assertEquals("Hello, world!\n", run.stdout);
        assertEquals("", run.stderr);
        ChildJvm.Result debug = tool(jar, "hello").env("DO_NOT_TRACK", "1").env("TELEMETRY_AGENT_DEBUG", "1").run();
        assertEquals("[telemetry-agent] debug: DO_NOT_TRACK is set (opt-out rule 2, do_not_track): nothing is"
                + " instrumented or sent\n", debug.stderr);
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());
    }

    @Test
    void aBrokenEmbeddedConfigIsOneLineNamingTheJarResource() throws Exception {
        Path jar = toolJar("[app]\nname = \"tool\"\nbogus = 1\n");
        ChildJvm.Result run = tool(jar, "hello").run();
        assertEquals("Hello, world!\n", run.stdout);
        assertEquals(1, run.agentLines().size(), run.stderr);
        assertTrue(run.stderr.contains("tool.jar!/META-INF/telemetry-agent/agent-config.toml"), run.stderr);
        assertTrue(run.stderr.contains("bogus"), run.stderr);
    }

    @Test
    void anEmbeddedConfigAsksForConsentInATerminalLikeAnyOther() throws Exception {
        Path jar = toolJar(embeddedConfig("tool").replace("consent = \"none\"", "consent = \"notice\""));
        ChildJvm.Result first = tool(jar, "hello").runInTerminal("");
        assertEquals(0, first.exitCode, first.toString());
        assertTrue(first.stdout.contains("Hello, world!"), first.toString());
        assertTrue(first.stdout.contains("[telemetry-agent]"), "the first-run notice is shown: " + first);
        assertFalse(first.stdout.contains("failed to start"), first.toString());
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount(), "the run that shows the notice sends nothing");
    }

    /**
     * A command line as the end user pastes it into bash: {@code java} on the PATH is the JDK under test,
     * and Java's user.home (which HOME does not move on JDK 17) is this test's home.
     */
    private ChildJvm.Result pasted(String commandLine, String... env) {
        ChildJvm shell = ChildJvm.in(home)
                .env("PATH", Paths.get(ChildJvm.JAVA).toAbsolutePath().getParent() + ":" + System.getenv("PATH"))
                .env("JDK_JAVA_OPTIONS", "-Duser.home=" + home);
        for (int i = 0; i < env.length; i += 2) {
            shell.env(env[i], env[i + 1]);
        }
        return shell.runCommand(List.of("bash", "-c", commandLine));
    }

    /** The rest of the one line that starts with {@code prefix} (and ends before {@code end}). */
    private static String lineAfter(String text, String prefix, String end) {
        List<String> found = text.lines().filter(l -> l.startsWith(prefix) && l.contains(end))
                .map(l -> l.substring(prefix.length(), l.indexOf(end, prefix.length())))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "one line starting with " + prefix + " in:\n" + text);
        return found.get(0);
    }

    private String noticeConfig() {
        return embeddedConfig("tool").replace("consent = \"none\"", "consent = \"notice\"");
    }

    @Test
    void theEndUserReachesEveryControlFromThePrintedCommandsAndNoneIsSent() throws Exception {
        Path jar = toolJar(noticeConfig());
        ChildJvm.Result first = tool(jar, "hello").runInTerminal("");
        assertTrue(first.stdout.contains("Hello, world!"), first.toString());
        String controls = lineAfter(first.stdout, "[telemetry-agent]   ", " disable");
        assertEquals("java -jar " + jar + " --telemetry", controls, "no quoting needed for this path");
        assertTrue(first.stdout.contains("See what is sent: " + controls + " preview"), first.stdout);

        ChildJvm.Result status = pasted(controls + " status");
        assertEquals(0, status.exitCode, status.toString());
        assertTrue(status.stdout.startsWith("Telemetry for tool: enabled\n"), status.stdout);
        assertTrue(status.stdout.contains("notice; shown 20"), status.stdout);
        String disable = lineAfter(status.stdout, "To turn it off: ", "   (");
        assertEquals(controls + " disable", disable);

        ChildJvm.Result preview = pasted(controls + " preview");
        assertEquals(0, preview.exitCode, preview.toString());
        assertTrue(preview.stdout.contains("\"command_"), preview.stdout);

        ChildJvm.Result sending = tool(jar, "hello", "--name", "x").run();
        assertEquals("Hello, x!\n", sending.stdout);
        collector.awaitJsonEvents(1, Duration.ofSeconds(30));
        ChildJvm.Result log = awaitOutput(controls + " log", "\"command_hello\"");
        assertEquals(1, log.stdout.lines().count(), log.stdout);

        ChildJvm.Result disabled = pasted(disable);
        assertEquals(0, disabled.exitCode, disabled.toString());
        assertTrue(disabled.stdout.startsWith("Telemetry disabled for tool on this machine."), disabled.stdout);
        String header = Files.readString(home.resolve(".tool/telemetry.toml"));
        String fromHeader = lineAfter(header, "# Edit freely, or run: ", " status");
        assertEquals(controls, fromHeader, header);
        ChildJvm.Result off = pasted(fromHeader + " status");
        assertTrue(off.stdout.startsWith("Telemetry for tool: disabled\n"), off.stdout);
        String enable = lineAfter(off.stdout, "To turn it back on: ", " enable") + " enable";
        assertEquals("Hello, world!\n", tool(jar, "hello").run().stdout);

        ChildJvm.Result enabled = pasted(enable);
        assertEquals(0, enabled.exitCode, enabled.toString());
        assertTrue(pasted(controls + " status").stdout.startsWith("Telemetry for tool: enabled\n"));
        // Opted out, the controls still work, and still send nothing.
        ChildJvm.Result optedOut = pasted(controls + " status", "DO_NOT_TRACK", "1");
        assertTrue(optedOut.stdout.contains("rule       do_not_track"), optedOut.stdout);
        ChildJvm.Result help = pasted(controls + " --help");
        assertTrue(help.stdout.startsWith("Usage: " + controls + " "), help.stdout);

        tool(jar, "hello", "--name", "y").run();
        List<JsonNode> events = collector.awaitJsonEvents(2, Duration.ofSeconds(30));
        assertEquals(List.of("command_hello", "command_hello"), events.stream().map(e -> e.path("event").asText())
                .collect(Collectors.toList()), "two runs of hello, nothing for a control command");
        assertEquals("2.5.0", events.get(0).path("context").path("library").path("version").asText());
        assertEquals(agentVersion(), events.get(0).path("context").path("agent").path("version").asText());
    }

    /** Runs the pasted command until its stdout holds {@code text}: the sent log is written after delivery. */
    private ChildJvm.Result awaitOutput(String commandLine, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ChildJvm.Result r = pasted(commandLine);
            if (r.stdout.contains(text) || System.nanoTime() > deadline) {
                assertTrue(r.stdout.contains(text), r.toString());
                return r;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aPathThatNeedsQuotingIsQuotedForTheShell() throws Exception {
        Path jar = toolJar(noticeConfig());
        Path odd = Files.createDirectories(home.resolve("my tools!")).resolve("tool.jar");
        Files.move(jar, odd);
        ChildJvm.Result first = tool(odd, "hello").runInTerminal("");
        String controls = lineAfter(first.stdout, "[telemetry-agent]   ", " disable");
        assertEquals("java -jar '" + odd + "' --telemetry", controls);
        ChildJvm.Result disabled = pasted(controls + " disable");
        assertEquals(0, disabled.exitCode, disabled.toString());
        assertTrue(Files.readString(home.resolve(".tool/telemetry.toml")).contains("enabled = false"));
    }

    @Test
    void theControlEntryPointFindsTheEmbeddedConfigByItself() throws Exception {
        Path jar = toolJar(embeddedConfig("tool"));
        ChildJvm.Result status = ChildJvm.in(home).withoutAgent()
                .classpath(jar.toString(), "dev.telemetryagent.cli.ControlCommand").args("status").run();
        assertEquals(0, status.exitCode, status.toString());
        assertTrue(status.stdout.startsWith("Telemetry for tool: enabled\n"), status.stdout);
        assertTrue(status.stdout.contains(jar + "!/META-INF/telemetry-agent/agent-config.toml"), status.stdout);
        assertTrue(status.stdout.contains("To turn it off: java -jar " + jar + " --telemetry disable"), status.stdout);
    }

    @Test
    void theControlOptionWorksWithMinusJavaagentToo() throws Exception {
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + Configs.picocli());
        ChildJvm.Result status = cli("--telemetry", "status").config(config).run();
        assertEquals(0, status.exitCode, status.toString());
        assertTrue(status.stdout.startsWith("Telemetry for sample: "), status.stdout);
        assertFalse(status.stdout.contains("sample: try"), "the application never ran: " + status.stdout);
    }

    @Test
    void theFlagAfterDoubleDashIsTheApplicationsData() throws Exception {
        Path jar = toolJar(embeddedConfig("tool"));
        ChildJvm.Result plain = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli")
                .withoutAgent().args("hello", "--", "--disable-telemetry").run();
        ChildJvm.Result run = tool(jar, "hello", "--", "--disable-telemetry").run();
        assertEquals(plain.stdout, run.stdout);
        assertEquals(plain.exitCode, run.exitCode, "picocli still sees, and rejects, the positional argument");
        assertFalse(Files.exists(home.resolve(".tool/telemetry.toml")), "nothing recorded");
        assertFalse(collector.awaitJsonEvents(1, Duration.ofSeconds(30)).isEmpty(), "telemetry stayed on");
    }

    @Test
    void theFlagAsAnOptionsValueIsReadAsTheFlag() throws Exception {
        Path jar = toolJar(embeddedConfig("tool"));
        ChildJvm.Result run = tool(jar, "hello", "--name", "--disable-telemetry").run();
        assertEquals(1, run.agentLines().size(), run.stderr);
        assertTrue(run.stderr.contains("[telemetry-agent] telemetry disabled for tool by --disable-telemetry"),
                run.stderr);
        assertTrue(run.stderr.contains(" --telemetry enable"), "says how to undo it: " + run.stderr);
        String state = Files.readString(home.resolve(".tool/telemetry.toml"));
        assertTrue(state.contains("enabled = false\n"), state);
    }

    @Test
    void aNoticeWrittenToARedirectedStderrIsNotShown() throws Exception {
        Path jar = toolJar(noticeConfig());
        Path stderr = home.resolve("stderr.txt");
        ChildJvm.Result redirected = tool(jar, "hello").runInTerminal("", stderr);
        assertTrue(redirected.stdout.contains("Hello, world!"), redirected.toString());
        assertEquals("", Files.readString(stderr), "no notice where nobody reads it");
        assertFalse(Files.exists(home.resolve(".tool/telemetry.toml")), "nothing recorded as shown");

        ChildJvm.Result later = tool(jar, "hello").run();
        assertEquals("Hello, world!\n", later.stdout);
        ChildJvm.Result shown = tool(jar, "hello").runInTerminal("");
        assertTrue(shown.stdout.contains(" --telemetry disable"), "the notice, at last: " + shown);
        // Consent now holds: this run's event arrives, and it is the first and only one.
        tool(jar, "hello", "--name", "z").run();
        List<JsonNode> events = collector.awaitJsonEvents(1, Duration.ofSeconds(30));
        assertEquals("[\"--name\"]", events.get(0).path("properties").path("options").toString(),
                "no event from the runs before the notice was seen");
    }
}
