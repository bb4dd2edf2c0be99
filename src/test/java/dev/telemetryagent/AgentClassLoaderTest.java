package dev.telemetryagent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telemetryagent.bootstrap.Bridge;
import dev.telemetryagent.config.ConfigReader;
import dev.telemetryagent.consent.Truthiness;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own class loader: which classes it defines from its jar, and which it leaves to its parent. */
class AgentClassLoaderTest {
    private static final Path CLASSES = Paths.get("target/classes");

    @TempDir
    Path tmp;

    /**
     * A jar of the given compiled classes, each stored or deflated as asked, plus a resource and a class
     * file under a name that is not its class's.
     */
    private File jar(boolean stored, Class<?>... classes) throws IOException {
        Path at = tmp.resolve("agent.jar");
        try (OutputStream raw = Files.newOutputStream(at); ZipOutputStream out = new ZipOutputStream(raw)) {
            for (Class<?> c : classes) {
                String name = c.getName().replace('.', '/') + ".class";
                put(out, name, Files.readAllBytes(CLASSES.resolve(name)), stored);
            }
            put(out, "org/example/Foreign.class", Files.readAllBytes(CLASSES.resolve(
                    Truthiness.class.getName().replace('.', '/') + ".class")), stored);
            put(out, "dev/telemetryagent/notes.txt", new byte[] {1, 2, 3}, stored);
        }
        return at.toFile();
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes, boolean stored) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (stored) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            e.setMethod(ZipEntry.STORED);
            e.setSize(bytes.length);
            e.setCrc(crc.getValue());
        }
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }

    private AgentClassLoader loader(File jar) throws IOException {
        return new AgentClassLoader("test", jar, AgentClassLoaderTest.class.getProtectionDomain(),
                AgentClassLoaderTest.class.getClassLoader());
    }

    @Test
    void theAgentsClassesAreDefinedFromTheJarWhetherStoredOrDeflated() throws Exception {
        for (boolean stored : new boolean[] {true, false}) {
            // ConfigReader's class file is larger than the first buffer: the buffer grows.
            AgentClassLoader loader = loader(jar(stored, Truthiness.class, ConfigReader.class));
            for (Class<?> original : new Class<?>[] {Truthiness.class, ConfigReader.class}) {
                Class<?> c = loader.loadClass(original.getName());
                assertSame(loader, c.getClassLoader(), original.getName());
                assertNotSame(original, c);
                assertSame(c, loader.loadClass(original.getName()), "defined once");
            }
            // A class the jar lacks comes from the parent, whichever package it is in.
            assertSame(AgentStartup.class, loader.loadClass(AgentStartup.class.getName()));
        }
    }

    @Test
    void theClassesEveryLoaderSharesComeFromTheParentEvenWhenTheJarHasThem() throws Exception {
        AgentClassLoader loader = loader(jar(true, Bridge.class, TelemetryAgent.class, AgentClassLoader.class));
        assertSame(Bridge.class, loader.loadClass(Bridge.class.getName()));
        assertSame(TelemetryAgent.class, loader.loadClass(TelemetryAgent.class.getName()));
        assertSame(AgentClassLoader.class, loader.loadClass(AgentClassLoader.class.getName()));
    }

    @Test
    void everyOtherClassOfTheJarIsItsOwnAndTheJdksComeFromTheParent() throws Exception {
        AgentClassLoader loader = loader(jar(true));
        // The weaver jar of the unit tests holds Byte Buddy unrelocated.
        assertThrows(NoClassDefFoundError.class, () -> loader.loadClass("org.example.Foreign"),
                "defined from the jar, where its name does not match the class file's");
        assertSame(String.class, loader.loadClass("java.lang.String"));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.example.Missing"));
    }

    @Test
    void jdkClassesOfThePlatformLoaderAndMissingOnesAreStillAskedOfTheParent() throws Exception {
        AgentClassLoader loader = loader(jar(true));
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        // java.net.http is the agent's own use of a platform-loader package; java.sql is one it never asks
        // the bootstrap loader by name, so it takes the fallback.
        assertSame(platform.loadClass("java.net.http.HttpClient"), loader.loadClass("java.net.http.HttpClient"));
        assertSame(platform.loadClass("java.sql.Connection"), loader.loadClass("java.sql.Connection"));
        assertSame(java.util.zip.CRC32.class, loader.loadClass("java.util.zip.CRC32"));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("java.lang.NoSuchClassAnywhere"));
    }

    @Test
    void theBootstrapLoadersJdkClassesAreNotAskedOfTheParent() throws Exception {
        List<String> asked = new ArrayList<>();
        ClassLoader recording = new ClassLoader(AgentClassLoaderTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };
        AgentClassLoader loader = new AgentClassLoader("test", jar(true), AgentClassLoaderTest.class.getProtectionDomain(),
                recording);
        assertSame(String.class, loader.loadClass("java.lang.String"));
        assertSame(java.util.zip.CRC32.class, loader.loadClass("java.util.zip.CRC32"));
        assertEquals(List.of(), asked, "the application loader's delegation is Java code, interpreted at start-up");
        loader.loadClass("java.sql.Connection");
        assertEquals(List.of("java.sql.Connection"), asked);
    }

    @Test
    void resourcesComeFromTheJarFirst() throws Exception {
        AgentClassLoader loader = loader(jar(false));
        try (InputStream in = loader.getResourceAsStream("dev/telemetryagent/notes.txt")) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        assertEquals(tmp.resolve("agent.jar").toFile(), loader.jar());
    }

    @Test
    void anEntryClassFromADirectoryKeepsItsOwnLoader() {
        // This test class comes from target/test-classes, not from a jar.
        assertSame(AgentClassLoaderTest.class.getClassLoader(), AgentClassLoader.forAgent(AgentClassLoaderTest.class));
    }
}
