package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Java versions and foreign copies of the agent's own dependencies. Runs on whatever JDK the child
 * uses (17, and 25 in .ci/run): class files of the newest version that JDK's javac produces are woven,
 * a class file newer than the JVM fails exactly as it does without the agent, stderr carries no
 * warning; an application with its own Byte Buddy (1.14 and 1.17), Jackson and SLF4J binding works
 * unchanged, is instrumented, and sees none of the agent's shaded copies in its class path scans.
 */
class CompatibilityIT extends AgentIT {
    private static final Path LIBS = Paths.get(System.getProperty("it.libs", "target/it-libs"));


    private Path config(String instruments) {
        return ChildJvm.write(home, "agent-config.toml", Configs.header("") + Configs.sender(collector, "")
                + instruments);
    }

    private List<JsonNode> events(int n) throws InterruptedException {
        collector.awaitJsonEvents(n, Duration.ofSeconds(20));
        awaitSpoolsEmpty();
        List<JsonNode> events = collector.jsonEvents();
        assertEquals(n, events.size(), events.toString());
        return events;
    }

    /** Compiles sample-pipeline with the child JDK's own javac at its newest class file version. */
    private Path newestPipeline() throws Exception {
        Path src = Paths.get(System.getProperty("it.basedir", ".")).toAbsolutePath()
                .resolve("integration-tests/apps/sample-pipeline");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(ChildJvm.JAVA).getParent().resolve("javac").toString(),
                "--release", String.valueOf(ChildJvm.javaFeature()), "-d", home.resolve("newest").toString()));
        try (Stream<Path> s = Files.walk(src)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> cmd.add(p.toString()));
        }
        ChildJvm.Result javac = ChildJvm.in(home).runCommand(cmd);
        assertEquals(0, javac.exitCode, javac.toString());
        return home.resolve("newest");
    }

    private static int majorVersion(Path classFile) throws Exception {
        byte[] b = Files.readAllBytes(classFile);
        return ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    }

    @Test
    void classFilesOfTheNewestVersionAreWovenWithoutWarnings() throws Exception {
        Path classes = newestPipeline();
        assertEquals(44 + ChildJvm.javaFeature(), majorVersion(classes.resolve("sample/pipeline/Pipeline.class")));
        Path config = config(Configs.pipeline());
        ChildJvm plain = ChildJvm.in(home).classpath(classes.toString(), "sample.pipeline.PipelineMain")
                .args("run", "p", "games").withoutAgent();
        ChildJvm agent = ChildJvm.in(home).classpath(classes.toString(), "sample.pipeline.PipelineMain")
                .args("run", "p", "games").config(config);
        ChildJvm.Result p = plain.run();
        ChildJvm.Result a = agent.run();
        assertEquals("status=COMPLETED rows=7\n", p.stdout);
        assertEquals(p.stdout, a.stdout);
        assertEquals("", p.stderr);
        assertEquals("", a.stderr, "no warning from the agent or the JVM on JDK " + ChildJvm.javaFeature());
        assertEquals(5, events(5).size(), "run, extract, normalize, load, fetch: woven");
    }

    @Test
    void aClassFileNewerThanTheJvmFailsExactlyAsWithoutTheAgent() throws Exception {
        Path classes = newestPipeline();
        Path pipeline = classes.resolve("sample/pipeline/Pipeline.class");
        byte[] b = Files.readAllBytes(pipeline);
        int future = 45 + ChildJvm.javaFeature();
        b[6] = (byte) (future >> 8);
        b[7] = (byte) future;
        Files.write(pipeline, b);
        Path config = config(Configs.pipeline());
        ChildJvm.Result p = ChildJvm.in(home).classpath(classes.toString(), "sample.pipeline.PipelineMain")
                .args("run", "p", "games").withoutAgent().run();
        ChildJvm.Result a = ChildJvm.in(home).classpath(classes.toString(), "sample.pipeline.PipelineMain")
                .args("run", "p", "games").config(config).run();
        assertTrue(p.stderr.contains("UnsupportedClassVersionError"), p.stderr);
        assertEquals(p.exitCode, a.exitCode);
        assertEquals(p.stdout, a.stdout);
        assertEquals(p.stderr, a.stderr, "the JVM's own error, nothing from the agent");
    }

    @Test
    void theAgentJarHoldsNothingOutsideItsOwnPackage() throws Exception {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR)) {
            for (String name : Collections.list(jar.entries()).stream().map(e -> e.getName())
                    .collect(Collectors.toList())) {
                boolean ours = name.startsWith("dev/") || name.equals("META-INF/") || name.equals("META-INF/MANIFEST.MF")
                        || name.startsWith("META-INF/licenses/")
                        // The agent's own resources: the nested weaver jar (its classes checked by AgentJarIT).
                        || name.startsWith("META-INF/telemetry-agent/");
                if (!ours) {
                    foreign.add(name);
                }
            }
            assertEquals(List.of(), foreign, "unrelocated entries: no META-INF/services, no versioned classes");
            assertFalse(jar.getManifest().getMainAttributes().containsKey(new java.util.jar.Attributes.Name("Multi-Release")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"byte-buddy-1.14.", "byte-buddy-1.17."})
    void anApplicationWithItsOwnByteBuddyJacksonAndSlf4jBinding(String byteBuddyJar) throws Exception {
        String byteBuddy = lib(byteBuddyJar);
        String jackson = String.join(File.pathSeparator, SampleApps.jarOf(ObjectMapper.class),
                SampleApps.jarOf(JsonFactory.class), SampleApps.jarOf(JsonProperty.class));
        String slf4j = lib("slf4j-api-") + File.pathSeparator + lib("slf4j-simple-");
        String compileCp = String.join(File.pathSeparator, lib("byte-buddy-1.14."), jackson, lib("slf4j-api-"));
        String app = SampleApps.compile("sample-foreign", compileCp);
        String cp = String.join(File.pathSeparator, app, byteBuddy, jackson, slf4j);
        Path config = config("[[instrument]]\nclass = \"sample.foreign.Report\"\nmethods = [\"render\"]\n"
                + "category = \"report\"\n");

        ChildJvm.Result p = ChildJvm.in(home).classpath(cp, "sample.foreign.ForeignMain").withoutAgent().run();
        ChildJvm.Result a = ChildJvm.in(home).classpath(cp, "sample.foreign.ForeignMain").config(config).run();
        assertEquals(0, p.exitCode, p.toString());
        assertEquals(p.exitCode, a.exitCode, a.toString());
        assertEquals(p.stdout, a.stdout, "the application sees the same libraries, providers and services");
        assertEquals(p.stderr, a.stderr, "the application's own SLF4J binding logs as before, nothing else");
        assertEquals("[main] INFO sample.foreign.ForeignMain - application logging through its own binding\n", a.stderr);
        assertTrue(a.stdout.contains("generated=made by the app's Byte Buddy\n"), a.stdout);
        assertTrue(a.stdout.contains("bytebuddy=" + Paths.get(byteBuddy).getFileName() + "\n"), a.stdout);
        assertTrue(a.stdout.contains("report={\"rows\":7,\"table\":\"events\"}\n"), a.stdout);
        assertTrue(a.stdout.contains("slf4j providers=[org.slf4j.simple.SimpleServiceProvider]\n"), a.stdout);
        assertFalse(a.stdout.contains("telemetry-agent"), "no service entry comes from the agent jar: " + a.stdout);

        JsonNode e = events(1).get(0);
        assertEquals("report_render", e.path("event").asText());
        assertTrue(e.path("properties").path("success").asBoolean());
    }

    private static String lib(String prefix) throws Exception {
        try (Stream<Path> s = Files.list(LIBS)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).map(Path::toString).findFirst()
                    .orElseThrow(() -> new AssertionError(prefix + "* not in " + LIBS + " (fetched by the build)"));
        }
    }
}
