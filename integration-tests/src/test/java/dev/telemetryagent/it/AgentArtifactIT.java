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
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The agent as the one artifact a tool depends on: the build's main artifact and its POM (what
 * {@code mvn install} installs: the shaded jar and the dependency-reduced POM) are installed into the
 * local repository, and a tool (integration-tests/apps/shaded-tool) built against them by a nested,
 * offline Maven run with the shade snippet of docs/EMBEDDING.md ships no unrelocated Byte Buddy or
 * SLF4J, and works: its run sends with the right versions, its user reaches the controls.
 */
class AgentArtifactIT extends AgentIT {
    private static final Path BASE = Paths.get(System.getProperty("it.basedir", ".")).toAbsolutePath();
    private static final String MVN =
            Paths.get(System.getProperty("it.maven.home", "/usr/share/maven"), "bin", "mvn").toString();

    private ChildJvm.Result maven(Path dir, String... goals) {
        List<String> cmd = new ArrayList<>(List.of(MVN, "-B", "-q", "-o"));
        String repo = System.getProperty("it.maven.repo");
        if (repo != null) {
            cmd.add("-Dmaven.repo.local=" + repo);
        }
        cmd.addAll(List.of(goals));
        return ChildJvm.in(dir).env("HOME", System.getProperty("user.home"))
                .env("JAVA_HOME", System.getProperty("java.home")).timeoutSeconds(600).runCommand(cmd);
    }

    private Path installedPom() {
        Path repo = Paths.get(System.getProperty("it.maven.repo",
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString()));
        return repo.resolve("dev/telemetryagent/telemetry-agent/0.1.0/telemetry-agent-0.1.0.pom");
    }

    @Test
    void aToolBuiltAgainstTheInstalledArtifactShipsTheAgentRelocatedAndWorks() throws Exception {
        Path target = BASE.resolve("target");
        ChildJvm.Result install = maven(BASE, "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=" + target.resolve("telemetry-agent-0.1.0.jar"),
                "-DpomFile=" + target.resolve("dependency-reduced-pom.xml"));
        assertEquals(0, install.exitCode, "installing the agent artifact: " + install);
        assertEquals(List.of(), runtimeDependencies(installedPom()), "what a tool would get with the agent");

        Path project = target.resolve("it-apps/shaded-tool");
        SampleApps.deleteTree(project);
        Path source = BASE.resolve("integration-tests/apps/shaded-tool");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.collect(Collectors.toList())) {
                Path to = project.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Files.writeString(project.resolve("src/main/resources/META-INF/telemetry-agent/agent-config.toml"),
                "[app]\nname = \"acme\"\n\n[telemetry]\nconsent = \"none\"\n\n" + Configs.sender(collector, "")
                        + Configs.picocli());
        ChildJvm.Result build = maven(project, "package");
        assertEquals(0, build.exitCode, "nested Maven build of shaded-tool: " + build);

        Path jar = project.resolve("target/acme.jar");
        List<String> unrelocated = new ArrayList<>();
        List<String> deflated = new ArrayList<>();
        boolean agent = false;
        try (JarFile j = new JarFile(jar.toFile())) {
            assertEquals("META-INF/MANIFEST.MF", Collections.list(j.entries()).stream().filter(e -> !e.isDirectory())
                    .findFirst().map(java.util.jar.JarEntry::getName).orElse(null), "the manifest first, as jar does");
            for (java.util.jar.JarEntry e : Collections.list(j.entries())) {
                String n = e.getName();
                if (n.startsWith("dev/telemetryagent/") && n.endsWith(".class") && !n.startsWith("dev/telemetryagent/shaded/")
                        && e.getMethod() != java.util.zip.ZipEntry.STORED) {
                    deflated.add(n);
                }
                if (n.startsWith("net/bytebuddy/") || n.startsWith("org/slf4j/")
                        || n.startsWith("META-INF/versions/") && (n.contains("/net/bytebuddy/") || n.contains("/org/slf4j/"))) {
                    unrelocated.add(n);
                }
                agent |= n.equals("dev/telemetryagent/TelemetryAgent.class");
            }
        }
        assertTrue(agent, "the agent is in the tool's jar");
        assertEquals(List.of(), unrelocated, "no Byte Buddy or SLF4J of the agent's outside its own packages");
        assertEquals(List.of(), deflated, "the agent's classes stored, as the documented antrun step leaves them");

        ChildJvm.Result run = ChildJvm.in(home).withoutAgent().jar(jar.toString()).args("greet", "--name", "x").run();
        assertEquals("Hello, x!\n", run.stdout);
        assertEquals("", run.stderr);
        JsonNode e = collector.awaitJsonEvents(1, Duration.ofSeconds(60)).get(0);
        assertEquals("command_greet", e.path("event").asText());
        assertEquals("acme", e.path("context").path("library").path("name").asText());
        assertEquals("3.1.4", e.path("context").path("library").path("version").asText());
        assertEquals(agentVersion(), e.path("context").path("agent").path("version").asText());

        ChildJvm.Result status = ChildJvm.in(home).withoutAgent().jar(jar.toString()).args("--telemetry", "status").run();
        assertEquals(0, status.exitCode, status.toString());
        assertTrue(status.stdout.startsWith("Telemetry for acme: enabled\n"), status.stdout);
    }

    /** The POM's dependencies a dependent project receives (compile and runtime scope). */
    private static List<String> runtimeDependencies(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        List<String> found = new ArrayList<>();
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!"dependencies".equals(n.getNodeName())) {
                continue;
            }
            for (Node d = n.getFirstChild(); d != null; d = d.getNextSibling()) {
                if (d instanceof Element) {
                    Element e = (Element) d;
                    String scope = text(e, "scope");
                    if (scope == null || scope.equals("compile") || scope.equals("runtime")) {
                        found.add(text(e, "groupId") + ":" + text(e, "artifactId"));
                    }
                }
            }
        }
        return found;
    }

    private static String text(Element e, String child) {
        NodeList l = e.getElementsByTagName(child);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    private static String agentVersion() throws Exception {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR)) {
            return jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        }
    }
}
