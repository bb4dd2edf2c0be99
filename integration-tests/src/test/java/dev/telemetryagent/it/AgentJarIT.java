package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.ChildJvm;
import java.io.File;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged agent: its manifest, its size, and nothing of its dependencies outside its own namespace. */
class AgentJarIT {
    private static final File JAR = new File(ChildJvm.AGENT_JAR);

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
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR)) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                String name = e.nextElement().getName();
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
        }
        assertTrue(foreign.isEmpty(), "entries an application could pick up: " + foreign);
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
