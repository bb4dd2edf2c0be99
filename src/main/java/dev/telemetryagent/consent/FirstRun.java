package dev.telemetryagent.consent;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConsentPolicy;
import dev.telemetryagent.config.Mode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * What an interactive run does while consent is missing (rule 9): with {@code consent = "notice"} it
 * shows the notice and records that it did, and sends nothing itself; with {@code consent = "prompt"}
 * it asks and records the answer. Only ever called for a run on a terminal.
 */
public final class FirstRun {
    /** Exit status when the user quits at the question: the status of an interrupt (Ctrl-C), 128 + 2. */
    public static final int QUIT_STATUS = 130;

    private static final String P = "[telemetry-agent] ";

    /** What the run does next. */
    public enum Outcome {
        /** Nothing is sent from this run. */
        SEND_NOTHING,
        /** Consent was just recorded: decide again, and send if the rules now allow. */
        DECIDE_AGAIN,
        /** The user chose quit: the JVM ends before the application starts. */
        QUIT
    }

    private FirstRun() {
    }

    /**
     * Shows the notice or asks the question.
     *
     * @param controlCommand how the user runs the control commands, for the texts
     */
    public static Outcome run(AgentConfig config, String controlCommand, InputStream in, PrintStream err) {
        File userFile = Situation.userStateFile(config);
        String app = config.app().name();
        if (config.telemetry().consent() == ConsentPolicy.NOTICE) {
            FirstRunNotice.print(config, controlCommand, err);
            try {
                UserChoices.noticeShown(userFile, app, controlCommand);
            } catch (IOException e) {
                err.println(P + "could not record that the notice was shown (" + e.getClass().getSimpleName()
                        + "); nothing is sent until it is");
            }
            return Outcome.SEND_NOTHING;
        }
        ConsentPrompt.Answer answer = ConsentPrompt.ask(config, in, err);
        if (answer == ConsentPrompt.Answer.QUIT) {
            err.println(P + "quit: nothing recorded, nothing sent; the question comes again next time.");
            return Outcome.QUIT;
        }
        Mode mode = ConsentPrompt.modeOf(answer);
        if (mode == null) {
            err.println(P + "no answer: nothing is sent; the question comes again next time.");
            return Outcome.SEND_NOTHING;
        }
        try {
            UserChoices.answered(userFile, app, mode, controlCommand);
        } catch (IOException e) {
            err.println(P + "could not record your answer (" + e.getClass().getSimpleName()
                    + "); nothing is sent, and the question comes again next time.");
            return Outcome.SEND_NOTHING;
        }
        err.println(P + "recorded: " + mode.tomlName() + ". Change it any time with: " + controlCommand
                + (mode == Mode.OFF ? " enable" : " disable") + "   (or status, preview, log)");
        return mode == Mode.OFF ? Outcome.SEND_NOTHING : Outcome.DECIDE_AGAIN;
    }
}
