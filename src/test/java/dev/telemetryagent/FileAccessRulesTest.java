package dev.telemetryagent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file the agent opens, creates, renames or deletes goes through {@code dev.telemetryagent.state},
 * where the rules live (regular files of bounded size, owner-only, never through a link): a class
 * elsewhere that opens a file itself could bypass them. The only exceptions read jars (the agent's own
 * and the application's, through {@code JarFile}/{@code ZipFile}) and {@code /dev/urandom}.
 */
class FileAccessRulesTest {
    /** What opens, creates, renames or deletes a file. */
    private static final String[] FILE_ACCESS = {
        "new FileInputStream(", "new FileOutputStream(", "new RandomAccessFile(", "new FileReader(",
        "new FileWriter(", "new PrintWriter(new File", "FileChannel.open(", "Files.new", "Files.create",
        "Files.delete", "Files.write", "Files.read", "Files.copy", "Files.move", "Files.lines(", ".delete()",
        ".deleteOnExit()", ".renameTo(", ".mkdir()", ".mkdirs()", ".createNewFile()", "new JarFile(",
        "new ZipFile(", "Redirect.to(", "Redirect.appendTo(",
    };
    /** Classes allowed one kind of access outside the state package, and why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "dev/telemetryagent/AgentClassLoader.java", "new ZipFile(",        // the agent's own jar
            "dev/telemetryagent/config/ConfigLocator.java", "new JarFile(",     // a tool's embedded config
            "dev/telemetryagent/config/ConfigLoader.java", "new JarFile(",      // the same, read
            "dev/telemetryagent/event/AppVersion.java", "new JarFile(",         // the application's manifest
            "dev/telemetryagent/consent/DisableFlag.java", "new JarFile(",      // the application's Main-Class
            "dev/telemetryagent/consent/ControlHint.java", "new JarFile(",      // the agent jar's manifest
            "dev/telemetryagent/instrument/BridgeInjector.java", "new JarFile(", // the agent's own jar
            "dev/telemetryagent/instrument/WeaverLoader.java", "new JarFile(",  // the agent's own jar
            "dev/telemetryagent/event/RandomIds.java", "new FileInputStream(");  // /dev/urandom

    @Test
    void onlyTheStatePackageTouchesFiles() throws IOException {
        Path root = Paths.get("src/main/java");
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertTrue(sources.size() > 30, "sources found: " + sources.size());
        List<String> offenders = new ArrayList<>();
        for (Path p : sources) {
            String name = root.relativize(p).toString().replace('\\', '/');
            if (name.startsWith("dev/telemetryagent/state/") || name.startsWith("dev/telemetryagent/collector/")) {
                continue;
            }
            String text = Files.readString(p);
            for (String access : FILE_ACCESS) {
                if (text.contains(access) && !access.equals(ALLOWED.get(name))) {
                    offenders.add(name + ": " + access);
                }
            }
        }
        assertTrue(offenders.isEmpty(), "file access outside dev.telemetryagent.state (route it through state): "
                + offenders);
    }
}
