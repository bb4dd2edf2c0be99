package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Class loaders the agent never saw: a Spring Boot executable jar (built for real with
 * spring-boot-maven-plugin by a nested Maven run: picocli is a nested jar loaded by Spring Boot's own
 * launcher loader), a loader whose parent is the bootstrap loader, and many threads loading classes at
 * once through parallel-capable loaders, one of which exposes no resources.
 */
class ClassLoadersIT extends AgentIT {
    private static final Path BASE = Paths.get(System.getProperty("it.basedir", ".")).toAbsolutePath();
    private static Path bootJar;


    private Path config(String instruments) {
        return ChildJvm.write(home, "agent-config.toml", Configs.header("")
                + Configs.sender(collector, "max_events_per_run = 5000") + instruments);
    }

    private List<JsonNode> events(int n) throws InterruptedException {
        collector.awaitJsonEvents(n, Duration.ofSeconds(30));
        awaitSpoolsEmpty();
        List<JsonNode> events = collector.jsonEvents();
        assertEquals(n, events.size(), "events: " + events.stream().map(e -> e.path("event").asText())
                .collect(Collectors.toList()));
        return events;
    }

    /** Builds integration-tests/apps/spring-boot-cli with Maven once per test JVM, in a copy under target/. */
    private static synchronized Path bootJar() throws Exception {
        if (bootJar != null) {
            return bootJar;
        }
        Path project = BASE.resolve("target/it-apps/spring-boot-cli");
        SampleApps.deleteTree(project);
        Path source = BASE.resolve("integration-tests/apps/spring-boot-cli");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.collect(Collectors.toList())) {
                Path target = project.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        String mvn = Paths.get(System.getProperty("it.maven.home", "/usr/share/maven"), "bin", "mvn").toString();
        List<String> cmd = new ArrayList<>(List.of(mvn, "-B", "-q", "package"));
        String repo = System.getProperty("it.maven.repo");
        if (repo != null) {
            cmd.add("-Dmaven.repo.local=" + repo);
        }
        ChildJvm.Result build = ChildJvm.in(project).env("HOME", System.getProperty("user.home"))
                .env("JAVA_HOME", System.getProperty("java.home")).timeoutSeconds(600).runCommand(cmd);
        assertEquals(0, build.exitCode, "nested Maven build of spring-boot-cli: " + build);
        bootJar = project.resolve("target/boot-cli.jar");
        return bootJar;
    }

    @Test
    void picocliInsideASpringBootExecutableJar() throws Exception {
        Path jar = bootJar();
        Path config = config(Configs.picocli() + "[[instrument]]\nclass = \"sample.boot.BootCli$Greet\"\n"
                + "methods = [\"call\"]\ncategory = \"greet\"\n");
        ChildJvm.Result plain = ChildJvm.in(home).jar(jar.toString()).args("greet", "--name", "x").withoutAgent().run();
        ChildJvm.Result agent = ChildJvm.in(home).jar(jar.toString()).args("greet", "--name", "x").config(config).run();
        assertEquals("loader=org.springframework.boot.loader.launch.LaunchedClassLoader\nHello, x!\n", plain.stdout);
        assertEquals(3, plain.exitCode);
        assertEquals(plain.stdout, agent.stdout);
        assertEquals(plain.exitCode, agent.exitCode);
        assertEquals("", agent.stderr);

        List<JsonNode> events = events(2);
        JsonNode command = events.stream().filter(e -> e.path("event").asText().equals("command_greet")).findFirst()
                .orElseThrow(() -> new AssertionError(events.toString())).path("properties");
        assertEquals(3, command.path("exit_code").asInt());
        JsonNode context = events.get(0).path("context");
        assertEquals("1.0.0", context.path("library").path("version").asText(), "the outer jar's Implementation-Version");
        assertEquals(agentVersion(), context.path("agent").path("version").asText(), "the agent's own build");
        assertEquals("[\"--name\"]", command.path("options").toString());
        assertTrue(events.stream().anyMatch(e -> e.path("event").asText().equals("greet_call")), events.toString());
    }

    private static String agentVersion() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(ChildJvm.AGENT_JAR)) {
            return jar.getManifest().getMainAttributes().getValue(java.util.jar.Attributes.Name.IMPLEMENTATION_VERSION);
        }
    }

    @Test
    void aLoaderWhoseParentIsTheBootstrapLoader() throws Exception {
        Path config = config("[[instrument]]\nclass = \"sample.plugin.PluginTask\"\nmethods = [\"run\"]\n"
                + "category = \"plugin\"\n");
        String plugins = SampleApps.pluginDirectory();
        ChildJvm plain = ChildJvm.in(home).classpath(SampleApps.compatClasspath(), "sample.compat.CompatMain")
                .args("isolated", plugins).withoutAgent();
        ChildJvm agent = ChildJvm.in(home).classpath(SampleApps.compatClasspath(), "sample.compat.CompatMain")
                .args("isolated", plugins).config(config);
        ChildJvm.Result p = plain.run();
        ChildJvm.Result a = agent.run();
        assertEquals("isolated plugin returned done:7 parent=null\n", p.stdout);
        assertEquals(p.stdout, a.stdout);
        assertEquals("", a.stderr);
        JsonNode e = events(1).get(0);
        assertEquals("plugin_run", e.path("event").asText());
        assertTrue(e.path("properties").path("success").asBoolean());
    }

    @Test
    void manyThreadsLoadingThroughParallelCapableLoaders() throws Exception {
        int count = 40;
        int threads = 8;
        Path dir = generatedClasses(count);
        Path config = config("[[instrument]]\nclass = \"gen.Step\"\nsubtypes = true\nmethods = [\"run\"]\n"
                + "category = \"step\"\n");
        ChildJvm.Result run = ChildJvm.in(home).classpath(SampleApps.compatClasspath(), "sample.compat.CompatMain")
                .args("parallel", dir.toString(), String.valueOf(threads), String.valueOf(count)).config(config)
                .timeoutSeconds(120).run();
        assertEquals(0, run.exitCode, run.toString());
        int calls = 2 * threads * count;
        assertEquals("runs=" + calls + "\n", run.stdout);
        assertEquals("", run.stderr, "no ClassCircularityError, no LinkageError");
        events(calls).forEach(e -> assertEquals("step_run", e.path("event").asText()));
    }

    /** gen.Step, gen.AbstractStep implements Step, gen.TaskN extends AbstractStep, each run() loading the next. */
    private Path generatedClasses(int count) throws Exception {
        Path src = home.resolve("gen-src/gen");
        Files.createDirectories(src);
        List<String> files = new ArrayList<>();
        files.add(ChildJvm.write(src, "Step.java", "package gen;\npublic interface Step { int run(); }\n").toString());
        files.add(ChildJvm.write(src, "AbstractStep.java",
                "package gen;\npublic abstract class AbstractStep implements Step {\n"
                        + "    public int id() { return 1; }\n}\n").toString());
        for (int i = 0; i < count; i++) {
            files.add(ChildJvm.write(src, "Task" + i + ".java", "package gen;\npublic class Task" + i
                    + " extends AbstractStep {\n    public int run() { return new Task" + ((i + 1) % count)
                    + "().id() + " + i + "; }\n}\n").toString());
        }
        Path out = home.resolve("gen-classes");
        List<String> args = new ArrayList<>(List.of("--release", "11", "-d", out.toString()));
        args.addAll(files);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])));
        return out;
    }
}
