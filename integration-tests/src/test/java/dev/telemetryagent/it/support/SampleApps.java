package dev.telemetryagent.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles the sample applications in integration-tests/apps once per test JVM, with --release 11. */
public final class SampleApps {
    private static final Path BASE = Paths.get(System.getProperty("it.basedir", ".")).toAbsolutePath();
    private static final Path OUT = BASE.resolve("target/it-apps");
    private static final java.util.Set<String> DONE = new java.util.HashSet<>();

    private SampleApps() {
    }

    /** Class path of the sample picocli CLI (its classes and picocli). */
    public static synchronized String cliClasspath() {
        return compile("sample-cli", picocliJar()) + File.pathSeparator + picocliJar();
    }

    /** Class path of the sample pipeline. */
    public static synchronized String pipelineClasspath() {
        return compile("sample-pipeline", null);
    }

    /** Directory of the plugin classes a platform-parented URLClassLoader loads. */
    public static synchronized String pluginDirectory() {
        return compile("sample-pipeline-plugin", null);
    }

    /** Class path of the compatibility scenarios (threads, long-running loop, isolated and parallel loaders). */
    public static synchronized String compatClasspath() {
        return compile("sample-compat", null);
    }

    /** The picocli jar the tests themselves use. */
    public static String picocliJar() {
        return jarOf(picocli.CommandLine.class);
    }

    /** The jar or directory a class was loaded from. */
    public static String jarOf(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a directory tree if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    /** Compiles one app directory (if not done yet in this JVM) and returns its output directory. */
    public static synchronized String compile(String app, String classpath) {
        Path src = BASE.resolve("integration-tests/apps").resolve(app);
        Path out = OUT.resolve(app);
        try {
            if (DONE.contains(app)) {
                return out.toString();
            }
            deleteTree(out);
            Files.createDirectories(out);
            List<String> sources;
            try (Stream<Path> s = Files.walk(src)) {
                sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString)
                        .collect(Collectors.toList());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("--release", "11", "-nowarn", "-d", out.toString()));
            if (classpath != null) {
                args.add("-cp");
                args.add(classpath);
            }
            args.addAll(sources);
            int rc = javac.run(null, null, null, args.toArray(new String[0]));
            if (rc != 0) {
                throw new IllegalStateException("compiling " + app + " failed");
            }
            DONE.add(app);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
