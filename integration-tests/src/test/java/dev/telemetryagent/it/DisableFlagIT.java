package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * {@code --disable-telemetry} among the application's arguments: the application never sees it (so
 * picocli does not reject it), it is recorded in the user's state file, and nothing is sent then or
 * in any later run.
 */
class DisableFlagIT extends AgentIT {
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.picocli() + Configs.pipeline());
    }

    @Test
    void withoutTheAgentPicocliRejectsTheFlag() {
        ChildJvm.Result plain = cli("hello", "--disable-telemetry").withoutAgent().run();
        assertEquals(2, plain.exitCode, "the sample app does not know the flag: " + plain);
    }

    @Test
    void theFlagIsRemovedRecordedAndHonouredByLaterRuns() throws Exception {
        ChildJvm.Result plain = cli("hello", "--name", "bob").withoutAgent().run();
        ChildJvm.Result flagged = cli("hello", "--disable-telemetry", "--name", "bob").config(config).run();
        assertEquals(plain.stdout, flagged.stdout, flagged.toString());
        assertEquals(0, flagged.exitCode, flagged.toString());
        assertEquals(List.of("[telemetry-agent] telemetry disabled for sample by --disable-telemetry, for this and"
                + " every later run; to turn it back on: java -jar " + ChildJvm.AGENT_JAR + " --config " + config
                + " enable"), flagged.agentLines(), "one line confirms it");

        String state = Files.readString(home.resolve(".sample/telemetry.toml"));
        assertTrue(state.contains("enabled = false\n"), state);
        assertTrue(state.contains("enabled_changed_by = \"--disable-telemetry\""), state);

        ChildJvm.Result later = cli("hello", "--name", "bob").config(config).run();
        assertEquals(plain.stdout, later.stdout);
        ChildJvm.Result pipeline = ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(),
                "sample.pipeline.PipelineMain").args("run", "orders", "customers").config(config).run();
        assertEquals(0, pipeline.exitCode, pipeline.toString());

        ChildJvm.Result status = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", config.toString(), "status").run();
        assertTrue(status.stdout.contains("rule       user_state (6 of 9)"), status.stdout);
        assertTrue(status.stdout.contains("disabled: the application was run with --disable-telemetry on 20"),
                status.stdout);

        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount(), collector.allBytes());
        assertFalse(Files.exists(home.resolve(".sample/spool")) && Files.list(home.resolve(".sample/spool"))
                .anyMatch(p -> p.toString().endsWith(".jsonl")));
    }

    @Test
    void theFlagIsRemovedEvenWhenDoNotTrackAlreadyKeepsEverythingLocal() throws Exception {
        ChildJvm.Result plain = cli("hello").withoutAgent().run();
        ChildJvm.Result flagged = cli("hello", "--disable-telemetry").env("DO_NOT_TRACK", "1").config(config).run();
        assertEquals(plain.stdout, flagged.stdout, flagged.toString());
        assertEquals(0, flagged.exitCode, flagged.toString());
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());
    }

    @Test
    void theFlagIsRemovedForAJarLaunchFromTheManifestsMainClass() throws Exception {
        Path jar = sampleCliJar();
        ChildJvm.Result plain = ChildJvm.in(home).jar(jar.toString()).args("hello", "--shout").withoutAgent().run();
        assertEquals(0, plain.exitCode, plain.toString());
        ChildJvm.Result flagged = ChildJvm.in(home).jar(jar.toString())
                .args("--disable-telemetry", "hello", "--shout").config(config).run();
        assertEquals(plain.stdout, flagged.stdout, flagged.toString());
        assertEquals(0, flagged.exitCode, flagged.toString());
        assertTrue(Files.readString(home.resolve(".sample/telemetry.toml")).contains("enabled = false"));
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());
    }

    /** sample-cli as an executable jar, with picocli beside it on its Class-Path. */
    private Path sampleCliJar() throws Exception {
        Path dir = home.resolve("dist");
        Files.createDirectories(dir);
        Files.copy(Paths.get(SampleApps.picocliJar()), dir.resolve("picocli.jar"));
        Path classes = Paths.get(SampleApps.cliClasspath().split(java.io.File.pathSeparator)[0]);
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "sample.cli.SampleCli");
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, "picocli.jar");
        Path jar = dir.resolve("sample-cli.jar");
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            for (Path f : files) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }
}
