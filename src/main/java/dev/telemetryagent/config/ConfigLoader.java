package dev.telemetryagent.config;

import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.RefusedFileException;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Reads a config file from disk and validates it. */
public final class ConfigLoader {
    private static final int MAX_BYTES = 1 << 20;

    private ConfigLoader() {
    }

    /**
     * Reads and validates; every failure, including I/O, is a {@link ConfigException}. A name of the form
     * {@code <jar>!/}{@value ConfigLocator#RESOURCE} (what {@link ConfigLocator.Location#name()} and
     * {@link AgentConfig#source()} give for a config shipped inside a tool's jar) reads that resource, so
     * the detached sender finds the same config the application used.
     */
    public static AgentConfig load(File file, String home) throws ConfigException {
        String text;
        try {
            File jar = jarOfResource(file);
            text = jar == null ? readToml(file, MAX_BYTES) : readResource(jar);
        } catch (RefusedFileException e) {
            throw new ConfigException(0, null, "cannot read the file: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(0, null, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        if (text == null) {
            throw new ConfigException(0, null, "cannot read the file (FileNotFoundException)");
        }
        return new ConfigReader(home).read(file.getPath(), text);
    }

    /**
     * The contract's scope rule for a tool that embeds its config: a config named by the system property
     * or the environment variable is used only when its {@code [app] name} is the embedded config's;
     * otherwise (another tool's config, or one that cannot be read) the embedded config stands, and the
     * returned location's {@link ConfigLocator.Location#note() note} says why. Reads both configs only
     * when both exist.
     */
    public static ConfigLocator.Location scoped(ConfigLocator.Location location, String home) {
        File jar = location.embedded();
        if (jar == null) {
            return location;
        }
        ConfigLocator.Location embedded = new ConfigLocator.Location(null, jar, location.searched(), null, null);
        String embeddedName;
        try {
            embeddedName = load(embedded, home).app().name();
        } catch (ConfigException e) {
            // The tool's own config is broken: it stands, and its error is what the user sees.
            return embedded;
        }
        String note;
        try {
            String overrideName = load(location.file(), home).app().name();
            if (overrideName.equals(embeddedName)) {
                return location;
            }
            note = "names app \"" + overrideName + "\", not \"" + embeddedName + "\"";
        } catch (ConfigException e) {
            note = "cannot be read as a config " + e.describe(location.file().getPath());
        }
        return new ConfigLocator.Location(null, jar, location.searched(), null,
                "embedded config " + embedded.name() + " stands: " + location.searched() + " " + note
                        + " (a setting made for one tool never applies to another)");
    }

    /** Reads and validates the config a lookup found, a file or a resource of the agent's jar. */
    public static AgentConfig load(ConfigLocator.Location location, String home) throws ConfigException {
        return load(new File(location.name()), home);
    }

    private static File jarOfResource(File file) {
        String path = file.getPath();
        String suffix = "!/" + ConfigLocator.RESOURCE;
        if (!path.endsWith(suffix) || file.exists()) {
            return null;
        }
        return new File(path.substring(0, path.length() - suffix.length()));
    }

    /**
     * A TOML file's text, or null when there is no file; the same checks as {@link FileReads#text}, and
     * text that is not valid UTF-8 is refused with its line, as TOML requires, never decoded leniently.
     */
    public static String readToml(File file, int maxBytes) throws IOException, ConfigException {
        byte[] bytes = FileReads.bytes(file, maxBytes);
        return bytes == null ? null : TomlParser.decode(bytes, bytes.length);
    }

    private static String readResource(File jarFile) throws IOException, ConfigException {
        try (JarFile jar = new JarFile(jarFile, false)) {
            JarEntry entry = jar.getJarEntry(ConfigLocator.RESOURCE);
            if (entry == null) {
                throw new FileNotFoundException(ConfigLocator.RESOURCE);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] bytes = FileReads.readAtMost(in, (int) Math.max(0, entry.getSize()), MAX_BYTES);
                return TomlParser.decode(bytes, bytes.length);
            }
        }
    }
}
