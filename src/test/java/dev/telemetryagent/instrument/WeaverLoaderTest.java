package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.instrument.fixture.Worker;
import dev.telemetryagent.instrument.weave.ClassWeaver;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the weaver comes from, and that a weaver which cannot be loaded leaves every class alone. */
class WeaverLoaderTest {
    private static final String WEAVE_PACKAGE = "dev.telemetryagent.instrument.weave.";

    @TempDir
    Path tmp;

    /** The agent's loader as the packaged agent sees it: no weaving classes, no Byte Buddy. */
    static final class PackagedAgentLoader extends ClassLoader {
        PackagedAgentLoader() {
            super(WeaverLoaderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(WEAVE_PACKAGE) || name.startsWith("net.bytebuddy.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    /** A jar made like the build makes weaver.jar: the weaving classes and Byte Buddy. */
    private static byte[] weaverJar() throws IOException, URISyntaxException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            Path classes = Paths.get(ClassWeaver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path weave = classes.resolve("dev/telemetryagent/instrument/weave");
            try (Stream<Path> files = Files.list(weave)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
            File byteBuddy = new File(net.bytebuddy.ByteBuddy.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            try (JarFile jar = new JarFile(byteBuddy)) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    if (e.isDirectory() || !e.getName().startsWith("net/bytebuddy/")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream in = jar.getInputStream(e)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private File cacheDir() {
        return tmp.resolve("cache").toFile();
    }

    @Test
    void runningFromPlainClassesTheAgentsOwnWeaverIsUsed() {
        Weaver w = new WeaverLoader(null, cacheDir(), getClass().getClassLoader()).weaver();
        assertSame(ClassWeaver.class, w.getClass());
        assertTrue(!cacheDir().exists(), "nothing extracted");
    }

    @Test
    void fromThePackagedAgentTheNestedJarIsExtractedAndLoadedBesideTheAgent() throws Exception {
        File agent = NestedWeaverJarTest.agentJar(tmp.resolve("agent.jar"), weaverJar());
        ClassLoader agentLoader = new PackagedAgentLoader();
        Weaver w = new WeaverLoader(agent, cacheDir(), agentLoader).weaver();
        assertNotNull(w);
        ClassLoader weaverLoader = w.getClass().getClassLoader();
        assertEquals("telemetry-agent-weaver", weaverLoader.getName());
        assertSame(agentLoader, weaverLoader.getParent());
        assertEquals(1, cacheDir().list((d, n) -> n.endsWith(".jar")).length,
                "the extracted jar (beside its seal and the cache key)");

        AgentConfig config = new ConfigReader("/tmp").read("t.toml", "[app]\nname = \"t\"\n[[instrument]]\nclass = \""
                + Worker.class.getName() + "\"\nmethods = [\"add\"]\n");
        WeavePlan plan = WeavePlan.of(config, null);
        String internal = Worker.class.getName().replace('.', '/');
        byte[] original = ClassHeaderTest.bytesOf(Worker.class);
        byte[] woven = w.weave(getClass().getClassLoader(), internal, original, plan.exact(internal), false);
        byte[] expected = new ClassWeaver().weave(getClass().getClassLoader(), internal, original,
                plan.exact(internal), false);
        assertNotNull(woven);
        assertTrue(java.util.Arrays.equals(expected, woven), "the nested weaver weaves as the agent's own does");
    }

    @Test
    void aWeaverThatCannotBeLoadedStaysUnavailableForTheRun() throws Exception {
        Path agent = tmp.resolve("agent.jar");
        WeaverLoader loader = new WeaverLoader(agent.toFile(), cacheDir(), new PackagedAgentLoader());
        assertNull(loader.weaver(), "no agent jar there");
        NestedWeaverJarTest.agentJar(agent, weaverJar());
        assertNull(loader.weaver(), "not tried again in the same run");
        assertTrue(!cacheDir().exists());
    }

    @Test
    void anAgentJarWithoutTheNestedEntryFallsBackToTheAgentsLoader() throws Exception {
        Path agent = tmp.resolve("agent.jar");
        try (OutputStream raw = Files.newOutputStream(agent); JarOutputStream out = new JarOutputStream(raw)) {
            out.putNextEntry(new JarEntry("dev/telemetryagent/TelemetryAgent.class"));
            out.closeEntry();
        }
        assertSame(ClassWeaver.class,
                new WeaverLoader(agent.toFile(), cacheDir(), getClass().getClassLoader()).weaver().getClass());
        assertNull(new WeaverLoader(agent.toFile(), cacheDir(), new PackagedAgentLoader()).weaver());
    }

    @Test
    void concurrentCallersShareOneWeaver() throws Exception {
        File agent = NestedWeaverJarTest.agentJar(tmp.resolve("agent.jar"), weaverJar());
        WeaverLoader loader = new WeaverLoader(agent, cacheDir(), new PackagedAgentLoader());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Weaver>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit((Callable<Weaver>) loader::weaver));
            }
            Weaver first = results.get(0).get();
            assertNotNull(first);
            for (Future<Weaver> r : results) {
                assertSame(first, r.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
