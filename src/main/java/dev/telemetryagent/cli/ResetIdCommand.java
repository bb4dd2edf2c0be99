package dev.telemetryagent.cli;

import dev.telemetryagent.event.AnonymousId;
import java.io.IOException;
import java.io.PrintStream;

/** {@code reset-id}: a new random anonymous id; events from now on carry it instead of the old one. */
final class ResetIdCommand {
    private ResetIdCommand() {
    }

    static int run(CliContext c, PrintStream out, PrintStream err) {
        try {
            String id = AnonymousId.reset(c.state());
            out.println("New anonymous id for " + c.appName() + ": " + id);
            out.println("Events from now on carry it; the old id is forgotten on this machine.");
            return ControlCommand.OK;
        } catch (IOException e) {
            err.println("Could not write " + c.state().file(AnonymousId.FILE) + " (" + e.getClass().getSimpleName()
                    + ").");
            return ControlCommand.FAILED;
        }
    }
}
