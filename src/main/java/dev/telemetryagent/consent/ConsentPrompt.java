package dev.telemetryagent.consent;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The first-run question ({@code consent = "prompt"}), asked on stderr before the application starts:
 * off, anonymous, identified (offered only when the config's mode allows it) or quit. The answer is
 * read from stdin one byte at a time, so that nothing the user typed beyond it is taken from the
 * application.
 */
public final class ConsentPrompt {
    /** What the user said. */
    public enum Answer {
        OFF, ANONYMOUS, IDENTIFIED, QUIT,
        /** End of input, or no valid answer after a few tries. */
        NONE
    }

    private static final String P = "[telemetry-agent] ";
    private static final int TRIES = 3;
    private static final int MAX_LINE = 256;

    private ConsentPrompt() {
    }

    /** Asks until a valid answer, end of input, or {@value #TRIES} invalid answers. */
    public static Answer ask(AgentConfig config, InputStream in, PrintStream err) {
        String app = config.app().name();
        boolean identified = config.telemetry().mode() == Mode.IDENTIFIED;
        err.println(P + "======================================================================");
        err.println(P + "Telemetry for " + app);
        err.println(P + app + " can collect usage data to help improve it: which commands and steps ran,");
        err.println(P + "how long they took, whether they succeeded. Never file paths, argument values,");
        err.println(P + "names or personal data. Please choose:");
        err.println(P + "  [1] off         no telemetry data collected");
        err.println(P + "  [2] anonymous   anonymous usage data only");
        if (identified) {
            err.println(P + "  [3] identified  usage data with your user id");
        }
        err.println(P + "  [q] quit        exit now without choosing; " + app + " does not run");
        for (int i = 0; i < TRIES; i++) {
            err.print(P + "Enter your choice: ");
            err.flush();
            String line = readLine(in);
            if (line == null) {
                err.println();
                return Answer.NONE;
            }
            Answer a = parse(line, identified);
            if (a != null) {
                return a;
            }
            err.println(P + (identified ? "Please enter 1, 2, 3 or q." : "Please enter 1, 2 or q."));
        }
        return Answer.NONE;
    }

    /** The answer a line gives, or null when it is not one. */
    static Answer parse(String line, boolean identifiedOffered) {
        String a = line.trim().toLowerCase(java.util.Locale.ROOT);
        if (a.equals("1") || a.equals("off")) {
            return Answer.OFF;
        }
        if (a.equals("2") || a.equals("anonymous")) {
            return Answer.ANONYMOUS;
        }
        if (identifiedOffered && (a.equals("3") || a.equals("identified"))) {
            return Answer.IDENTIFIED;
        }
        if (a.equals("q") || a.equals("quit")) {
            return Answer.QUIT;
        }
        return null;
    }

    /** One line without its end, or null at end of input (or on a read error). */
    static String readLine(InputStream in) {
        byte[] buf = new byte[MAX_LINE];
        int n = 0;
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return n == 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
                }
                if (b == '\n') {
                    return new String(buf, 0, n, StandardCharsets.UTF_8);
                }
                if (b != '\r' && n < MAX_LINE) {
                    buf[n++] = (byte) b;
                }
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** The mode an answer chooses, or null for quit and no answer. */
    static Mode modeOf(Answer a) {
        switch (a) {
            case OFF:
                return Mode.OFF;
            case ANONYMOUS:
                return Mode.ANONYMOUS;
            case IDENTIFIED:
                return Mode.IDENTIFIED;
            default:
                return null;
        }
    }
}
