package dev.telemetryagent.cli;

import dev.telemetryagent.AgentClassLoader;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigException;
import dev.telemetryagent.config.ConfigLoader;
import dev.telemetryagent.config.ConfigLocator;
import dev.telemetryagent.consent.ControlHint;
import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar telemetry-agent.jar [--config PATH] status | enable | disable | reset-id | preview | log}:
 * the user's controls. The end user of a tool that embeds the agent reaches the same commands as
 * {@code java -jar tool.jar --telemetry status} ({@link TelemetryOption}) or
 * {@code java -cp tool.jar dev.telemetryagent.cli.ControlCommand status}; either way the config is the
 * one the tool's runs find. Hand-written argument parsing keeps the agent jar small (picocli would add
 * 400 KB to a jar every host application loads). Exit status: 0 done, 1 could not be done (no config,
 * an unusable config, a file that cannot be written), 2 usage error.
 */
public final class ControlCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private ControlCommand() {
    }

    /** Entry point ({@code Main-Class} of the agent jar). */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.getProperties(), new File(System.getProperty("user.dir", ".")),
                AgentClassLoader.jarOf(ControlCommand.class), System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    static int run(String[] args, Map<String, String> env, Properties properties, File workingDir, File agentJar,
            PrintStream out, PrintStream err) {
        String invocation = ControlHint.of(agentJar, null);
        String configPath = null;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config")) {
                if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                    return usageError(err, "--config needs a path", invocation);
                }
                configPath = args[++i];
            } else if (a.startsWith("--config=")) {
                configPath = a.substring("--config=".length());
            } else if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
                out.print(usage(invocation));
                return OK;
            } else {
                words.add(a);
            }
        }
        if (words.isEmpty()) {
            return usageError(err, "which command?", invocation);
        }
        String command = words.get(0);
        boolean project = false;
        for (String w : words.subList(1, words.size())) {
            if (w.equals("--project") && (command.equals("enable") || command.equals("disable"))) {
                project = true;
            } else {
                return usageError(err, "unexpected \"" + w + "\" after " + command, invocation);
            }
        }
        if (!isCommand(command)) {
            return usageError(err, "unknown command \"" + command + "\"", invocation);
        }
        String home = properties.getProperty("user.home");
        ConfigLocator.Location location = ConfigLoader.scoped(ConfigLocator.locate(configPath,
                properties.getProperty(ConfigLocator.PROPERTY), env, agentJar), home);
        if (!location.isFound()) {
            err.println("No agent config found (looked at " + location.searched() + ").");
            err.println("Pass the one your application uses: --config PATH");
            return FAILED;
        }
        AgentConfig config;
        try {
            config = ConfigLoader.load(location, home);
        } catch (ConfigException e) {
            err.println("Invalid config " + e.describe(location.name()));
            return FAILED;
        }
        CliContext c = new CliContext(config, agentJar, env, properties, workingDir);
        switch (command) {
            case "status":
                return StatusCommand.run(c, out);
            case "enable":
                return SwitchCommand.run(c, true, project, out, err);
            case "disable":
                return SwitchCommand.run(c, false, project, out, err);
            case "reset-id":
                return ResetIdCommand.run(c, out, err);
            case "preview":
                return PreviewCommand.run(c, out, err);
            default:
                return LogCommand.run(c, out, err);
        }
    }

    private static boolean isCommand(String c) {
        return c.equals("status") || c.equals("enable") || c.equals("disable") || c.equals("reset-id")
                || c.equals("preview") || c.equals("log");
    }

    private static int usageError(PrintStream err, String problem, String invocation) {
        err.println("telemetry-agent: " + problem);
        err.println("Try: " + invocation + " --help");
        return USAGE;
    }

    /** The help text; {@code invocation} is how this jar's controls are reached ({@link ControlHint}). */
    static String usage(String invocation) {
        return "Usage: " + invocation + " [--config PATH] COMMAND\n"
                + "\n"
                + "Commands:\n"
                + "  status              is telemetry on or off, and what decided it\n"
                + "  enable [--project]  turn telemetry on (this also counts as your consent)\n"
                + "  disable [--project] turn telemetry off; deletes unsent events and caches\n"
                + "  reset-id            replace the anonymous id with a new random one\n"
                + "  preview             print example events as JSON; sends nothing\n"
                + "  log                 print the events this machine has sent, as JSON lines\n"
                + "  --help              this text\n"
                + "\n"
                + "--project writes .<app>/telemetry.toml in the current directory (this project only)\n"
                + "instead of your own <state_dir>/telemetry.toml.\n"
                + "\n"
                + "The config is found as the agent finds it: --config PATH, -Dtelemetry.agent.config,\n"
                + "TELEMETRY_AGENT_CONFIG, then agent-config.toml beside this jar, then the config a tool\n"
                + "embeds in its jar (which a setting for another tool never replaces).\n"
                + "\n"
                + "Exit status: 0 done, 1 could not be done, 2 usage error.\n";
    }
}
