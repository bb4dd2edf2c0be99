package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
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
        Thread.sleep(300);
        assertEquals(1, collector.jsonEvents().size());
        JsonNode e = events.get(0);
        assertEquals("command_hello", e.path("event").asText());
        assertEquals("tool", e.path("context").path("library").path("name").asText());
        assertEquals("[\"--name\"]", e.path("properties").path("options").toString());
        assertTrue(Files.isDirectory(home.resolve(".tool")), "state under ~/.<app.name>");
    }

    @Test
    void theContractsLookupOrderComesBeforeTheEmbeddedConfig() throws Exception {
        // Without Can-Retransform-Classes in the tool's manifest, load-time weaving works all the same.
        Path jar = toolJar(embeddedConfig("tool"), false);
        Path override = ChildJvm.write(home, "override.toml", "[app]\nname = \"override\"\n\n[telemetry]\n"
                + "consent = \"none\"\n\n" + Configs.sender(collector, "") + Configs.picocli());
        ChildJvm.Result run = tool(jar, "hello").env("TELEMETRY_AGENT_CONFIG", override.toString()).run();
        assertEquals(0, run.exitCode, run.toString());
        JsonNode e = collector.awaitJsonEvents(1, Duration.ofSeconds(20)).get(0);
        assertEquals("override", e.path("context").path("library").path("name").asText());
    }

    @Test
    void optOutsStillApply() throws Exception {
        Path jar = toolJar(embeddedConfig("tool"));
        ChildJvm.Result run = tool(jar, "hello").env("DO_NOT_TRACK", "1").run();
        assertEquals("Hello, world!\n", run.stdout);
        assertEquals("", run.stderr);
        Thread.sleep(1500);
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
        Thread.sleep(1000);
        assertEquals(0, collector.requestCount(), "the run that shows the notice sends nothing");
    }
}
