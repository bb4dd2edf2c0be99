package dev.telemetryagent.consent;

import dev.telemetryagent.config.ConfigLocator;
import java.io.File;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The command line a user pastes to reach the control commands, printed by the notice, the prompt,
 * {@code status} and the state file's header. Three cases:
 * <ul>
 *   <li>the agent's own jar (its {@code Main-Class} is the control CLI):
 *       {@code java -jar '<agent jar>' [--config '<path>']};</li>
 *   <li>a tool that embeds the agent and starts it with {@code Launcher-Agent-Class}:
 *       {@code java -jar '<tool jar>' --telemetry}, the option the agent handles before the tool's
 *       {@code main} (see {@code cli.TelemetryOption});</li>
 *   <li>any other jar that holds the agent: {@code java -cp '<jar>' dev.telemetryagent.cli.ControlCommand}.</li>
 * </ul>
 * Paths are quoted for the user's shell, so that a path with spaces or {@code !} survives the paste.
 */
public final class ControlHint {
    /** The option a tool's end user gives first to reach the control commands through the tool. */
    public static final String OPTION = "--telemetry";
    private static final String CONTROL_CLASS = "dev.telemetryagent.cli.ControlCommand";

    private ControlHint() {
    }

    /**
     * The command prefix; the control command's name follows it after a space.
     *
     * @param agentJar the jar that holds the agent's classes, or null when unknown
     * @param configSource the path of the config in use ({@code jar!/resource} for an embedded one), or null
     */
    public static String of(File agentJar, String configSource) {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        if (agentJar == null) {
            return "java -jar telemetry-agent.jar" + configOption(configSource, windows);
        }
        File jar = agentJar.getAbsoluteFile();
        Attributes manifest = mainAttributes(jar);
        String main = manifest == null ? null : manifest.getValue(Attributes.Name.MAIN_CLASS);
        if (CONTROL_CLASS.equals(main == null ? null : main.trim())) {
            File beside = new File(jar.getParentFile(), ConfigLocator.DEFAULT_NAME);
            boolean found = configSource == null || beside.equals(new File(configSource).getAbsoluteFile());
            return "java -jar " + quote(jar.getPath(), windows) + (found ? "" : configOption(configSource, windows));
        }
        boolean embedded = configSource != null && configSource.equals(agentJar.getPath() + "!/" + ConfigLocator.RESOURCE);
        if (manifest != null && manifest.getValue("Launcher-Agent-Class") != null) {
            // The tool's own run finds its config as this run did: embedded, or the same override.
            return "java -jar " + quote(jar.getPath(), windows) + " " + OPTION;
        }
        return "java -cp " + quote(jar.getPath(), windows) + " " + CONTROL_CLASS
                + (embedded ? "" : configOption(configSource, windows));
    }

    private static String configOption(String configSource, boolean windows) {
        return configSource == null ? ""
                : " --config " + quote(new File(configSource).getAbsoluteFile().getPath(), windows);
    }

    /**
     * A word as the user's shell reads it back: unchanged when it holds only characters no shell
     * treats specially, else in single quotes (POSIX shells; {@code !} is literal there too, even with
     * bash's history expansion), or in double quotes on Windows.
     */
    static String quote(String word, boolean windows) {
        boolean plain = !word.isEmpty();
        for (int i = 0; i < word.length() && plain; i++) {
            char c = word.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_-./:=,+@%".indexOf(c) >= 0 || (windows && c == '\\');
        }
        if (plain) {
            return word;
        }
        if (windows) {
            return "\"" + word.replace("\"", "\\\"") + "\"";
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static Attributes mainAttributes(File jar) {
        try (JarFile jf = new JarFile(jar, false)) {
            Manifest mf = jf.getManifest();
            return mf == null ? null : mf.getMainAttributes();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
