package dev.telemetryagent.event;

import java.io.File;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The application's version: configured, else the main jar's {@code Implementation-Version}, else "unknown". */
public final class AppVersion {
    private AppVersion() {
    }

    /** Resolves the version; {@code javaCommand} is the JVM's {@code sun.java.command}. */
    public static String resolve(String configured, String javaCommand) {
        if (configured != null) {
            return configured;
        }
        String fromJar = mainJarVersion(javaCommand);
        return fromJar != null ? fromJar : "unknown";
    }

    private static String mainJarVersion(String javaCommand) {
        if (javaCommand == null) {
            return null;
        }
        String first = javaCommand.trim();
        int space = first.indexOf(' ');
        if (space > 0) {
            first = first.substring(0, space);
        }
        if (!first.endsWith(".jar")) {
            return null;
        }
        File jar = new File(first);
        if (!jar.isFile()) {
            return null;
        }
        try (JarFile jf = new JarFile(jar, false)) {
            Manifest mf = jf.getManifest();
            if (mf == null) {
                return null;
            }
            String v = mf.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return v == null || v.trim().isEmpty() ? null : v.trim();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
