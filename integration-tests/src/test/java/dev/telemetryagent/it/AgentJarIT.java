package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.ChildJvm;
import java.io.File;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent: its manifest, its size, and nothing of its dependencies outside its own namespace,
 * neither in the jar nor in the weaver jar nested in it (Byte Buddy, read only by a run that weaves).
 */
class AgentJarIT {
    private static final File JAR = new File(ChildJvm.AGENT_JAR);
    private static final String WEAVER_JAR = "META-INF/telemetry-agent/weaver.jar";

    @Test
    void manifestDeclaresEveryEntryPoint() throws Exception {
        try (JarFile jar = new JarFile(JAR)) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.telemetryagent.TelemetryAgent", main.getValue("Premain-Class"));
            assertEquals("dev.telemetryagent.TelemetryAgent", main.getValue("Agent-Class"));
            assertEquals(null, main.getValue("Launcher-Agent-Class"),
                    "the tool's own jar declares it when it embeds the agent; here it would start the agent"
                    + " inside the control commands");
            assertEquals("dev.telemetryagent.cli.ControlCommand", main.getValue("Main-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
        }
    }

    @Test
    void everyClassIsRelocatedUnderTheAgentsOwnPackage() throws Exception {
        try (JarFile jar = new JarFile(JAR)) {
            List<String> foreign = foreignEntries(jar.entries());
            assertTrue(foreign.isEmpty(), "entries an application could pick up: " + foreign);
        }
    }

    @Test
    void theNestedWeaverJarHoldsByteBuddyRelocatedAndNothingElseForeign() throws Exception {
        try (JarFile outer = new JarFile(JAR)) {
            JarEntry nested = outer.getJarEntry(WEAVER_JAR);
            assertNotNull(nested, "the weaver travels inside the agent jar");
            List<String> names = new ArrayList<>();
            try (JarInputStream in = new JarInputStream(outer.getInputStream(nested))) {
                List<JarEntry> entries = new ArrayList<>();
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    entries.add(e);
                    names.add(e.getName());
                }
                List<String> foreign = foreignEntries(Collections.enumeration(entries));
                assertTrue(foreign.isEmpty(), "entries of the nested jar an application could pick up: " + foreign);
            }
            assertTrue(names.contains("dev/telemetryagent/instrument/weave/ClassWeaver.class"), "" + names.size());
            assertTrue(names.contains("dev/telemetryagent/shaded/bytebuddy/asm/Advice.class"), "" + names.size());
            for (String name : names) {
                assertTrue(name.startsWith("dev/telemetryagent/shaded/bytebuddy/")
                        || name.startsWith("dev/telemetryagent/instrument/weave/")
                        || !name.endsWith(".class"), "only the weaver and Byte Buddy: " + name);
                assertFalse(name.contains("net/bytebuddy/"), name);
            }
        }
    }

    @Test
    void theOuterJarListsNoByteBuddyEntry() throws Exception {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR)) {
            for (JarEntry e : Collections.list(jar.entries())) {
                names.add(e.getName());
            }
        }
        for (String name : names) {
            assertFalse(name.startsWith("dev/telemetryagent/shaded/bytebuddy/"), name);
            assertFalse(name.startsWith("dev/telemetryagent/instrument/weave/"), name);
        }
        // Every JVM the agent starts in reads this central directory, opted out or not.
        assertTrue(names.size() <= 400, "the agent jar lists " + names.size() + " entries");
        assertTrue(names.indexOf("META-INF/MANIFEST.MF") <= 1, "the manifest comes first: " + names.subList(0, 3));
    }

    /** Classes outside the agent's namespace, and service files: what an application could pick up. */
    private static List<String> foreignEntries(Enumeration<JarEntry> entries) {
        List<String> foreign = new ArrayList<>();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            String path = name.startsWith("META-INF/versions/") ? name.replaceFirst("META-INF/versions/\\d+/", "")
                    : name;
            boolean isClass = path.endsWith(".class");
            if (isClass && !path.startsWith("dev/telemetryagent/")) {
                foreign.add(name);
            }
            if (name.startsWith("META-INF/services/") && !name.endsWith("/")
                    && !name.startsWith("META-INF/services/dev.telemetryagent.")) {
                foreign.add(name);
            }
        }
        return foreign;
    }

    @Test
    void theAgentsOwnClassesAreStoredSoThatItsLoaderReadsThemWithNoInflater() throws Exception {
        int stored = 0;
        try (JarFile jar = new JarFile(JAR)) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                boolean slf4j = name.startsWith("dev/telemetryagent/shaded/slf4j/");
                assertEquals(slf4j ? JarEntry.DEFLATED : JarEntry.STORED, e.getMethod(), name);
                stored += slf4j ? 0 : 1;
            }
        }
        assertTrue(stored > 100, "stored classes: " + stored);
    }

    @Test
    void theJarIsSmall() {
        assertTrue(JAR.length() <= 6L * 1024 * 1024, "agent jar is " + JAR.length() + " bytes, more than 6 MB");
    }

    @Test
    void javaTargetIsEleven() throws Exception {
        try (JarFile jar = new JarFile(JAR); InputStream in = jar.getInputStream(
                jar.getJarEntry("dev/telemetryagent/TelemetryAgent.class"))) {
            byte[] header = in.readNBytes(8);
            assertEquals(55, ((header[6] & 0xff) << 8) | (header[7] & 0xff), "class file major version");
        }
    }
}
