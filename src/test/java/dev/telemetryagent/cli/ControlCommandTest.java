package dev.telemetryagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlCommandTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    private int run(String... args) throws Exception {
        Path config = home.resolve("agent-config.toml");
        if (!Files.exists(config)) {
            Files.writeString(config, "[app]\nname = \"acme\"\n[telemetry]\nconsent = \"none\"\n");
        }
        Properties p = new Properties();
        p.setProperty("user.home", home.toString());
        out.reset();
        err.reset();
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return ControlCommand.run(all, env, p, home.toFile(), null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertEquals(2, run());
        assertEquals(2, run("nope"));
        assertEquals(2, run("log", "--project"));
        assertEquals(2, run("disable", "--projects"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--help"));
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("Usage:"));
    }

    @Test
    void statusNamesTheDecidingRuleAndItsNumber() throws Exception {
        env.put("DISABLE_TELEMETRY", "1");
        assertEquals(0, run("status"));
        assertTrue(out().startsWith("Telemetry for acme: disabled\n"), out());
        assertTrue(out().contains("\n  why        disabled by DISABLE_TELEMETRY\n"), out());
        assertTrue(out().contains("\n  rule       disable_env (3 of 9)\n"), out());
        assertTrue(out().endsWith("DISABLE_TELEMETRY is set in your environment; nothing is sent while it is.\n"),
                out());
    }

    @Test
    void disableThenEnableRoundTrips() throws Exception {
        assertEquals(0, run("disable"));
        run("status");
        assertTrue(out().contains("disabled: user ran `disable` on 20"), out());
        assertEquals(0, run("enable"));
        run("status");
        assertTrue(out().startsWith("Telemetry for acme: enabled\n"), out());
    }

    @Test
    void aMissingConfigIsAFailureNotAUsageError() throws Exception {
        Properties p = new Properties();
        int code = ControlCommand.run(new String[] {"status"}, env, p, home.toFile(), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("No agent config found"));
    }
}
