package dev.telemetryagent.cli;

import dev.telemetryagent.consent.Decision;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.UserChoices;
import dev.telemetryagent.send.Spool;
import dev.telemetryagent.state.RefusedFileException;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code enable} and {@code disable}: write the top-level key {@code enabled} in the user's state file,
 * or with {@code --project} in the project's. {@code disable} also deletes the spool of unsent events
 * and the caches, so that nothing held back leaves later.
 */
final class SwitchCommand {
    private SwitchCommand() {
    }

    static int run(CliContext c, boolean enable, boolean project, PrintStream out, PrintStream err) {
        File file = project ? c.projectFile() : c.userFile();
        String keptAside;
        try {
            keptAside = enable ? UserChoices.enable(file, c.appName(), !project, c.command())
                    : UserChoices.disable(file, c.appName(), UserChoices.BY_DISABLE, c.command());
        } catch (IOException e) {
            err.println("Could not write " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
            return ControlCommand.FAILED;
        }
        String where = project ? "in this project" : "on this machine";
        out.println("Telemetry " + (enable ? "enabled" : "disabled") + " for " + c.appName() + " " + where + ".");
        out.println("  wrote     " + file);
        if (keptAside != null) {
            out.println("  kept      " + keptAside + " (the old file could not be read)");
        }
        if (!enable) {
            int removed = removeUnsent(c.state(), err);
            if (removed > 0) {
                out.println("  deleted   " + removed + " unsent or cached file" + (removed == 1 ? "" : "s"));
            }
            out.println();
            out.println("To turn it back on: " + c.command() + " enable" + (project ? " --project" : ""));
            return ControlCommand.OK;
        }
        Decision d = OptOutRules.decide(c.situation());
        out.println();
        if (d.isEnabled()) {
            out.println("Usage data is sent from the next run on. See it first: " + c.command() + " preview");
        } else {
            out.println("Still nothing is sent: " + d.reason() + ". Details: " + c.command() + " status");
        }
        return ControlCommand.OK;
    }

    /**
     * Deletes the spool and the caches; a directory that is a link or not the user's alone is left as
     * it is, with one line.
     */
    private static int removeUnsent(StateDirectory state, PrintStream err) {
        int n = 0;
        try {
            n += new Spool(state).clear();
        } catch (RefusedFileException e) {
            err.println("Left alone: " + e.getMessage() + " (nothing in it was deleted).");
        }
        try {
            n += state.deleteCaches();
        } catch (RefusedFileException e) {
            err.println("Left alone: " + e.getMessage() + " (nothing in it was deleted).");
        }
        return n;
    }
}
