package dev.telemetryagent.config;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a config file from disk and validates it. */
public final class ConfigLoader {
    private static final int MAX_BYTES = 1 << 20;

    private ConfigLoader() {
    }

    /** Reads and validates; every failure, including I/O, is a {@link ConfigException}. */
    public static AgentConfig load(File file, String home) throws ConfigException {
        String text;
        try {
            text = readText(file);
        } catch (IOException e) {
            throw new ConfigException(0, null, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        return new ConfigReader(home).read(file.getPath(), text);
    }

    /** Reads a small UTF-8 text file with plain streams (cheaper at startup than java.nio.file). */
    public static String readText(File file) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
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
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        }
    }
}
