package dev.telemetryagent.config;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
            text = jar == null ? readTomlText(file) : readResource(jar);
        } catch (IOException e) {
            throw new ConfigException(0, null, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        return new ConfigReader(home).read(file.getPath(), text);
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

    private static String readResource(File jarFile) throws IOException, ConfigException {
        try (JarFile jar = new JarFile(jarFile, false)) {
            JarEntry entry = jar.getJarEntry(ConfigLocator.RESOURCE);
            if (entry == null) {
                throw new FileNotFoundException(ConfigLocator.RESOURCE);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return decodeToml(in);
            }
        }
    }

    /** Reads a small UTF-8 text file with plain streams (cheaper at startup than java.nio.file). */
    public static String readText(File file) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            return readText(in);
        }
    }

    /**
     * Reads a small TOML file (the config, a state file), refusing text that is not valid UTF-8 with a
     * {@link ConfigException} naming the line: TOML requires it, and a lenient decoder would read on.
     */
    public static String readTomlText(File file) throws IOException, ConfigException {
        try (InputStream in = new FileInputStream(file)) {
            return decodeToml(in);
        }
    }

    private static String readText(InputStream in) throws IOException {
        Bytes bytes = readBytes(in);
        return new String(bytes.buf, 0, bytes.length, StandardCharsets.UTF_8);
    }

    private static String decodeToml(InputStream in) throws IOException, ConfigException {
        Bytes bytes = readBytes(in);
        return TomlParser.decode(bytes.buf, bytes.length);
    }

    private static Bytes readBytes(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        int n = 0;
        while (true) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (n == buf.length) {
                if (buf.length >= MAX_BYTES) {
                    throw new IOException("file larger than 1 MiB");
                }
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, n);
                buf = bigger;
            }
        }
        return new Bytes(buf, n);
    }

    /** The first {@code length} bytes of {@code buf}: what a file held. */
    private static final class Bytes {
        final byte[] buf;
        final int length;

        Bytes(byte[] buf, int length) {
            this.buf = buf;
            this.length = length;
        }
    }
}
