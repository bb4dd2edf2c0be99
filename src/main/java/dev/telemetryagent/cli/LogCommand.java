package dev.telemetryagent.cli;

import dev.telemetryagent.send.SentLog;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code log}: the events this machine actually sent (the last 1,000), one JSON line each. */
final class LogCommand {
    private LogCommand() {
    }

    static int run(CliContext c, PrintStream out, PrintStream err) {
        List<String> lines;
        try {
            lines = new SentLog(c.state()).read();
        } catch (IOException e) {
            err.println("Could not read " + c.state().file(SentLog.FILE) + " (" + e.getClass().getSimpleName() + ").");
            return ControlCommand.FAILED;
        }
        if (lines.isEmpty()) {
            err.println("No events have been sent from this machine (" + c.state().file(SentLog.FILE) + ").");
            return ControlCommand.OK;
        }
        for (String line : lines) {
            out.println(line);
        }
        return ControlCommand.OK;
    }
}
