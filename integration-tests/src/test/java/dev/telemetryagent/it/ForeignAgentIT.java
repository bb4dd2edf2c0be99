package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Beside another Byte Buddy based -javaagent (built here, with its own unshaded Byte Buddy 1.17, and
 * advising the same picocli method with retransformation enabled), in either order on the command
 * line: the tool behaves as with the other agent alone, the other agent's advice runs once per call,
 * and telemetry records each command once (no double weaving).
 */
class ForeignAgentIT extends AgentIT {
    private static final Path LIBS = Paths.get(System.getProperty("it.libs", "target/it-libs"));

    private Path config;
    private Path otherAgent;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + Configs.picocli());
        otherAgent = otherAgentJar();
    }

    /** other-agent.jar with Byte Buddy beside it on its manifest Class-Path. */
    private Path otherAgentJar() throws IOException {
        Path byteBuddy;
        try (Stream<Path> s = Files.list(LIBS)) {
            byteBuddy = s.filter(p -> p.getFileName().toString().startsWith("byte-buddy-1.17.")).findFirst()
                    .orElseThrow(() -> new AssertionError("byte-buddy 1.17 not in " + LIBS));
        }
        Path dir = home.resolve("other");
        Files.createDirectories(dir);
        Files.copy(byteBuddy, dir.resolve("byte-buddy.jar"));
        Path classes = Paths.get(SampleApps.compile("other-agent", byteBuddy.toString()));
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(new Attributes.Name("Premain-Class"), "sample.otheragent.OtherAgent");
        main.put(new Attributes.Name("Can-Retransform-Classes"), "true");
        main.put(Attributes.Name.CLASS_PATH, "byte-buddy.jar");
        Path jar = dir.resolve("other-agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    private ChildJvm cli() {
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli")
                .args("data", "load", "--table", "t", "f.csv");
    }

    @Test
    void bothAgentsWorkInEitherOrder() throws Exception {
        String ours = "-javaagent:" + ChildJvm.AGENT_JAR + "=config=" + config;
        String theirs = "-javaagent:" + otherAgent;
        ChildJvm.Result alone = cli().withoutAgent().jvmArg(theirs).run();
        assertEquals("loaded f.csv into t\n", alone.stdout);
        // On JDK 24+ the other agent's own Byte Buddy class injector also prints the JVM's sun.misc.Unsafe
        // warning (byte-buddy#1803); telemetry-agent must add nothing to whatever it prints.
        assertTrue(alone.stderr.endsWith("[other-agent] execute calls: 1\n"), alone.stderr);

        int expected = 0;
        for (List<String> order : List.of(List.of(ours, theirs), List.of(theirs, ours))) {
            ChildJvm child = cli().withoutAgent();
            order.forEach(child::jvmArg);
            ChildJvm.Result both = child.run();
            assertEquals(alone.exitCode, both.exitCode, order + ": " + both);
            assertEquals(alone.stdout, both.stdout, order.toString());
            assertEquals(alone.stderr, both.stderr, order + ": the other agent's advice ran once per call");

            expected++;
            collector.awaitJsonEvents(expected, Duration.ofSeconds(20));
            awaitSpoolsEmpty();
            List<JsonNode> events = collector.jsonEvents();
            assertEquals(expected, events.size(), order + ": one event per command: " + events);
            JsonNode e = events.get(expected - 1);
            assertEquals("command_data_load", e.path("event").asText());
            assertEquals("[\"--table\"]", e.path("properties").path("options").toString());
        }
    }
}
