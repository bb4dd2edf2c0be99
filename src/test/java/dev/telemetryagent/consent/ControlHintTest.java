package dev.telemetryagent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telemetryagent.config.ConfigLocator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control command line printed for the user: the right entry for the jar, quoted for the shell. */
class ControlHintTest {
    @TempDir
    Path dir;

    private File jar(String name, String mainClass, boolean launcherAgent) throws Exception {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        if (launcherAgent) {
            mf.getMainAttributes().putValue("Launcher-Agent-Class", "dev.telemetryagent.TelemetryAgent");
        }
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.flush();
        }
        return jar.toFile();
    }

    @Test
    void theAgentsOwnJarWithItsConfigBesideIt() throws Exception {
        File jar = jar("telemetry-agent.jar", "dev.telemetryagent.cli.ControlCommand", false);
        assertEquals("java -jar " + jar, ControlHint.of(jar, dir.resolve(ConfigLocator.DEFAULT_NAME).toString()));
        assertEquals("java -jar " + jar + " --config " + dir.resolve("x.toml"),
                ControlHint.of(jar, dir.resolve("x.toml").toString()));
    }

    @Test
    void aToolThatStartsTheAgentItselfTakesTheTelemetryOption() throws Exception {
        File jar = jar("acme.jar", "com.acme.Main", true);
        assertEquals("java -jar " + jar + " --telemetry",
                ControlHint.of(jar, jar.getPath() + "!/" + ConfigLocator.RESOURCE));
    }

    @Test
    void anyOtherJarNamesTheControlEntryPoint() throws Exception {
        File jar = jar("acme.jar", "com.acme.Main", false);
        assertEquals("java -cp " + jar + " dev.telemetryagent.cli.ControlCommand",
                ControlHint.of(jar, jar.getPath() + "!/" + ConfigLocator.RESOURCE));
    }

    @Test
    void wordsAreQuotedForTheShell() {
        assertEquals("/opt/acme/acme-1.2.jar", ControlHint.quote("/opt/acme/acme-1.2.jar", false));
        assertEquals("'/home/me/my tools!/acme.jar'", ControlHint.quote("/home/me/my tools!/acme.jar", false));
        assertEquals("'/it'\\''s/acme.jar'", ControlHint.quote("/it's/acme.jar", false));
        assertEquals("'$HOME/a.jar'", ControlHint.quote("$HOME/a.jar", false));
        assertEquals("\"C:\\Program Files\\acme.jar\"", ControlHint.quote("C:\\Program Files\\acme.jar", true));
        assertEquals("C:\\tools\\acme.jar", ControlHint.quote("C:\\tools\\acme.jar", true));
    }
}
