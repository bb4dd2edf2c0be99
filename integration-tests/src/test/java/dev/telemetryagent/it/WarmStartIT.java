package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Collector;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Start-up: the agent's classes come from its own class loader, warm runs load no Byte Buddy (the
 * woven-class cache), and no stale or corrupt cache entry is ever trusted.
 */
class WarmStartIT extends AgentIT {
    private static final String APP_LOADER = "jdk/internal/loader/ClassLoaders$AppClassLoader";
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (dev\\.telemetryagent\\.\\S+) source:");
    private static final Pattern DEFINED_BY = Pattern.compile("loader: \\[loader data: \\S+ for instance a '([^']+)'");
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.picocli());
    }

    private ChildJvm.Result run(Path cfg, String log) {
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args("hello")
                .config(cfg).jvmArg("-Xlog:class+load=info:file=" + home.resolve(log)).run();
    }

    private boolean loadedByteBuddy(String log) throws Exception {
        return Files.readString(home.resolve(log)).contains("dev.telemetryagent.shaded.bytebuddy");
    }

    private File[] cacheEntries() {
        File[] files = home.resolve(".sample/cache/classes").toFile().listFiles();
        return files == null ? new File[0] : files;
    }

    @Test
    void theSecondRunLoadsNoByteBuddyAndStillRecordsTheCommand() throws Exception {
        ChildJvm.Result cold = run(config, "cold.txt");
        assertEquals("Hello, world!\n", cold.stdout);
        assertTrue(loadedByteBuddy("cold.txt"), "the first run weaves");
        assertEquals(1, cacheEntries().length);
        String[] weaverJars = home.resolve(".sample/cache").toFile().list((dir, name) -> name.startsWith("weaver-"));
        assertEquals(1, weaverJars.length, "the nested weaver jar is extracted once");
        assertTrue(Files.readString(home.resolve("cold.txt")).contains(
                "dev.telemetryagent.instrument.weave.ClassWeaver source: file:" + home.resolve(".sample/cache")),
                "Byte Buddy and the weaver come from the extracted jar");

        ChildJvm.Result warm = run(config, "warm.txt");
        assertEquals("Hello, world!\n", warm.stdout);
        assertFalse(loadedByteBuddy("warm.txt"), "the warm run uses the cached weave");
        String warmLog = Files.readString(home.resolve("warm.txt"));
        assertFalse(warmLog.contains("dev.telemetryagent.instrument.weave.")
                || warmLog.contains("dev.telemetryagent.instrument.NestedWeaverJar")
                || warmLog.contains("java.net.URLClassLoader "), "the warm run opens no weaver jar");

        List<JsonNode> events = collector.awaitJsonEvents(2, Duration.ofSeconds(15));
        for (JsonNode e : events) {
            assertEquals("command_hello", e.path("event").asText());
        }
    }

    /**
     * Each agent class the run loaded, with the class of the loader that defined it, from a
     * {@code -Xlog:class+load=debug} log (an info line with the name, then a debug line with the loader).
     */
    private Map<String, String> agentClassLoaders(String log) throws Exception {
        Map<String, String> loaders = new TreeMap<>();
        String name = null;
        for (String line : Files.readAllLines(home.resolve(log))) {
            Matcher loaded = LOADED.matcher(line);
            Matcher loader = DEFINED_BY.matcher(line);
            if (loaded.find()) {
                name = loaded.group(1);
            } else if (name != null && loader.find()) {
                loaders.put(name, loader.group(1));
                name = null;
            }
        }
        return loaders;
    }

    @Test
    void theAgentsClassesAreItsOwnLoadersAndOnlyTheEntryAndTheBridgeAreTheApplications() throws Exception {
        ChildJvm.Result cold = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli")
                .args("hello").config(config).jvmArg("-Xlog:class+load=debug:file=" + home.resolve("cold.txt")).run();
        ChildJvm.Result warm = ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli")
                .args("hello").config(config).jvmArg("-Xlog:class+load=debug:file=" + home.resolve("warm.txt")).run();
        assertEquals("Hello, world!\n", cold.stdout);
        assertEquals("Hello, world!\n", warm.stdout);
        Set<String> shared = Set.of("dev.telemetryagent.TelemetryAgent", "dev.telemetryagent.AgentClassLoader",
                "dev.telemetryagent.bootstrap.Bridge", "dev.telemetryagent.bootstrap.BridgeSink");
        for (String log : List.of("cold.txt", "warm.txt")) {
            Map<String, String> loaders = agentClassLoaders(log);
            assertTrue(loaders.size() > 30, log + ": " + loaders);
            assertTrue(loaders.containsKey("dev.telemetryagent.config.ConfigReader"), log + ": " + loaders);
            for (Map.Entry<String, String> e : loaders.entrySet()) {
                if (shared.contains(e.getKey())) {
                    assertEquals(APP_LOADER, e.getValue(), log + ": " + e.getKey());
                } else if (e.getKey().startsWith("dev.telemetryagent.shaded.bytebuddy.")) {
                    // Byte Buddy defines some classes of its own at run time, in loaders of its own.
                    assertNotEquals(APP_LOADER, e.getValue(), log + ": " + e.getKey());
                } else {
                    assertEquals("dev/telemetryagent/AgentClassLoader", e.getValue(), log + ": " + e.getKey());
                }
            }
        }
        assertEquals(2, collector.awaitJsonEvents(2, Duration.ofSeconds(15)).size());
    }

    @Test
    void aCorruptedEntryIsIgnoredAndRebuilt() throws Exception {
        run(config, "cold.txt");
        File entry = cacheEntries()[0];
        byte[] bytes = Files.readAllBytes(entry.toPath());
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(entry.toPath(), bytes);

        ChildJvm.Result again = run(config, "again.txt");
        assertEquals("Hello, world!\n", again.stdout);
        assertTrue(loadedByteBuddy("again.txt"), "a corrupt entry is not trusted");
        collector.awaitJsonEvents(2, Duration.ofSeconds(15));
        run(config, "healed.txt");
        assertFalse(loadedByteBuddy("healed.txt"), "the rebuilt entry is used");
    }

    @Test
    void aChangedInstrumentationPlanWeavesAfresh() throws Exception {
        run(config, "cold.txt");
        Path other = ChildJvm.write(home, "other.toml", Configs.header("") + Configs.sender(collector, "")
                + Configs.picocli() + "[[instrument]]\nclass = \"sample.cli.SampleCli$Hello\"\nmethods = [\"call\"]\n"
                + "category = \"hello\"\n");
        run(other, "changed.txt");
        assertTrue(loadedByteBuddy("changed.txt"), "a new plan is not served from the old entries");
        List<JsonNode> events = collector.awaitJsonEvents(3, Duration.ofSeconds(15));
        assertTrue(events.stream().anyMatch(e -> e.path("event").asText().equals("hello_call")), events.toString());
    }

    @Test
    void anEndpointChangeKeepsTheCacheWarm() throws Exception {
        run(config, "cold.txt");
        try (Collector second = new Collector()) {
            Path moved = ChildJvm.write(home, "moved.toml",
                    Configs.header("") + Configs.sender(second, "") + Configs.picocli());
            run(moved, "moved.txt");
            assertFalse(loadedByteBuddy("moved.txt"), "only [[instrument]] decides the woven bytes");
            second.awaitJsonEvents(1, Duration.ofSeconds(15));
        }
    }

    private ChildJvm.Result runDebug(Path cfg) {
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args("hello")
                .config(cfg).env("TELEMETRY_AGENT_DEBUG", "1").run();
    }

    private static boolean transformerRemoved(ChildJvm.Result r) {
        return r.agentLines().stream().anyMatch(l -> l.contains("the transformer is removed"));
    }

    @Test
    void onceEveryNamedClassIsDefinedTheTransformerLeavesAndTheCommandIsStillRecorded() throws Exception {
        ChildJvm.Result cold = runDebug(config);
        ChildJvm.Result warm = runDebug(config);
        assertEquals("Hello, world!\n", cold.stdout);
        assertEquals("Hello, world!\n", warm.stdout);
        assertTrue(transformerRemoved(cold), "after weaving CommandLine: " + cold.agentLines());
        assertTrue(transformerRemoved(warm), "after taking CommandLine from the cache: " + warm.agentLines());
        // In debug mode the events are printed, not sent.
        assertTrue(cold.stderr.contains("command_hello"), cold.stderr);
        assertTrue(warm.stderr.contains("command_hello"), warm.stderr);
    }

    @Test
    void withSubtypesTheTransformerStaysForTheWholeRun() throws Exception {
        Path subtypes = ChildJvm.write(home, "subtypes.toml", Configs.header("") + Configs.sender(collector, "")
                + "[[instrument]]\nclass = \"java.lang.Runnable\"\nsubtypes = true\nmethods = [\"run\"]\n");
        ChildJvm.Result r = runDebug(subtypes);
        assertEquals("Hello, world!\n", r.stdout);
        assertFalse(transformerRemoved(r), String.valueOf(r.agentLines()));
    }
}
