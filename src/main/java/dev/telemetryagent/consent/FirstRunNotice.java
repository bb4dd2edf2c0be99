package dev.telemetryagent.consent;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.Mode;
import java.io.PrintStream;

/**
 * The first-run notice ({@code consent = "notice"}): shown once, on stderr, by the first interactive
 * run, which itself sends nothing. It says what is collected and every way to say no.
 */
public final class FirstRunNotice {
    private static final String P = "[telemetry-agent] ";

    private FirstRunNotice() {
    }

    /**
     * Prints the notice.
     *
     * @param controlCommand how the user reaches the control commands ({@link ControlHint})
     */
    public static void print(AgentConfig config, String controlCommand, PrintStream err) {
        String app = config.app().name();
        err.println(P + app + " collects " + (config.telemetry().mode() == Mode.IDENTIFIED ? "" : "anonymous ")
                + "usage telemetry: which commands and steps ran, how long they took, whether they");
        err.println(P + "succeeded. Never file paths, argument values, names or personal data.");
        err.println(P + "Nothing was sent from this run. To opt out for good, before the next run:");
        err.println(P + "  " + controlCommand + " disable");
        err.println(P + "  or export DO_NOT_TRACK=1, or add --disable-telemetry to the " + app + " command.");
        err.println(P + "See what is sent: " + controlCommand + " preview   (also: status, log, enable)");
        err.flush();
    }
}
