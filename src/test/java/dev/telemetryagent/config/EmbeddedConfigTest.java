package dev.telemetryagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config shipped as a resource of the jar that holds the agent: found last, read, named in errors. */
class EmbeddedConfigTest {
    @TempDir
    Path dir;

    private File jarWith(String config) throws Exception {
        Path jar = dir.resolve("tool.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (config != null) {
                out.putNextEntry(new JarEntry(ConfigLocator.RESOURCE));
                out.write(config.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar.toFile();
    }

    @Test
    void theResourceIsFoundWhenNothingElseIs() throws Exception {
        File jar = jarWith("[app]\nname = \"tool\"\n");
        ConfigLocator.Location l = ConfigLocator.locate(null, null, Map.of(), jar);
        assertTrue(l.isFound());
        assertNull(l.file(), "not a plain file");
        assertEquals(jar, l.jar());
        assertEquals(jar.getPath() + "!/META-INF/telemetry-agent/agent-config.toml", l.name());
        AgentConfig config = ConfigLoader.load(l, dir.toString());
        assertEquals("tool", config.app().name());
        // The name the sender process gets reads the same resource.
        assertEquals("tool", ConfigLoader.load(new File(config.source()), dir.toString()).app().name());
    }

    @Test
    void theContractsLookupComesFirst() throws Exception {
        File jar = jarWith("[app]\nname = \"tool\"\n");
        Path env = Files.writeString(dir.resolve("env.toml"), "[app]\nname = \"env\"\n");
        ConfigLocator.Location l = ConfigLocator.locate(null, null, Map.of(ConfigLocator.ENV, env.toString()), jar);
        assertEquals(env.toFile(), l.file());
        Files.writeString(dir.resolve(ConfigLocator.DEFAULT_NAME), "[app]\nname = \"beside\"\n");
        l = ConfigLocator.locate(null, null, Map.of(), jar);
        assertEquals(dir.resolve(ConfigLocator.DEFAULT_NAME).toFile(), l.file());
    }

    @Test
    void aGlobalConfigReplacesTheEmbeddedOneOnlyForTheSameApplication() throws Exception {
        File jar = jarWith("[app]\nname = \"tool\"\n");
        Path same = Files.writeString(dir.resolve("same.toml"), "[app]\nname = \"tool\"\nversion = \"9\"\n");
        ConfigLocator.Location l = ConfigLoader.scoped(
                ConfigLocator.locate(null, same.toString(), Map.of(), jar), dir.toString());
        assertEquals(same.toFile(), l.file());
        assertNull(l.note());

        Path other = Files.writeString(dir.resolve("other.toml"), "[app]\nname = \"other\"\n");
        l = ConfigLoader.scoped(ConfigLocator.locate(null, null, Map.of(ConfigLocator.ENV, other.toString()), jar),
                dir.toString());
        assertEquals(jar, l.jar(), "the embedded config stands");
        assertEquals("tool", ConfigLoader.load(l, dir.toString()).app().name());
        assertTrue(l.note().contains("TELEMETRY_AGENT_CONFIG=" + other + " names app \"other\", not \"tool\""),
                l.note());

        Path broken = Files.writeString(dir.resolve("broken.toml"), "[app]\nname = \"tool\"\nbogus = 1\n");
        l = ConfigLoader.scoped(ConfigLocator.locate(null, broken.toString(), Map.of(), jar), dir.toString());
        assertEquals(jar, l.jar(), "an override that cannot be read cannot claim the tool");
        assertTrue(l.note().contains("bogus"), l.note());
    }

    @Test
    void withoutAnEmbeddedConfigAGlobalOneIsUsedAsItIs() throws Exception {
        Path other = Files.writeString(dir.resolve("other.toml"), "[app]\nname = \"other\"\n");
        ConfigLocator.Location l = ConfigLoader.scoped(
                ConfigLocator.locate(null, other.toString(), Map.of(), jarWith(null)), dir.toString());
        assertEquals(other.toFile(), l.file());
    }

    @Test
    void aJarWithoutTheResourceIsNotAConfig() throws Exception {
        ConfigLocator.Location l = ConfigLocator.locate(null, null, Map.of(), jarWith(null));
        assertFalse(l.isFound());
        assertTrue(l.searched().endsWith("tool.jar!/META-INF/telemetry-agent/agent-config.toml"), l.searched());
    }

    @Test
    void anInvalidResourceNamesTheJarAndTheKey() throws Exception {
        File jar = jarWith("[app]\nname = \"tool\"\nbogus = 1\n");
        ConfigLocator.Location l = ConfigLocator.locate(null, null, Map.of(), jar);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(l, dir.toString()));
        String described = e.describe(l.name());
        assertTrue(described.contains("tool.jar!/META-INF/telemetry-agent/agent-config.toml"), described);
        assertTrue(described.contains("bogus"), described);
    }
}
