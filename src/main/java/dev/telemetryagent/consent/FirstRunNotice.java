package dev.telemetryagent.consent;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigLocator;
import dev.telemetryagent.config.Mode;
import java.io.File;
import java.io.PrintStream;

/**
 * The first-run notice ({@code consent = "notice"}): shown once, on stderr, by the first interactive
 * run, which itself sends nothing. It says what is collected and every way to say no.
 */
public final class FirstRunNotice {
    private static final String P = "[telemetry-agent] ";

    private FirstRunNotice() {
    }

    /** Prints the notice. */
    public static void print(AgentConfig config, String controlCommand, PrintStream err) {
        String app = config.app().name();
        err.println(P + app + " collects " + (config.telemetry().mode() == Mode.IDENTIFIED ? "" : "anonymous ")
                + "usage telemetry: which commands and steps ran, how long they took, whether they");
        err.println(P + "succeeded. Never file paths, argument values, names or personal data.");
        err.println(P + "Nothing was sent from this run. To opt out for good, before the next run:");
        err.println(P + "  " + controlCommand + " disable");
        err.println(P + "  or export DO_NOT_TRACK=1, or add --disable-telemetry to the " + app + " command.");
        err.flush();
    }

    /**
     * The control command line for this agent jar ({@code java -jar <jar>}), with {@code --config} when
     * the config is not the one the control commands find by themselves beside the jar.
     */
    public static String controlCommand(File agentJar, String configPath) {
        String jar = agentJar == null ? "telemetry-agent.jar" : agentJar.getAbsolutePath();
        String cmd = "java -jar " + jar;
        if (configPath == null) {
            return cmd;
        }
        File config = new File(configPath).getAbsoluteFile();
        if (agentJar != null
                && new File(agentJar.getAbsoluteFile().getParentFile(), ConfigLocator.DEFAULT_NAME).equals(config)) {
            return cmd;
        }
        return cmd + " --config " + config.getPath();
    }
}
