package dev.telemetryagent.cli;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConsentPolicy;
import dev.telemetryagent.config.Mode;
import dev.telemetryagent.consent.Decision;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.consent.StateFile;
import dev.telemetryagent.event.AnonymousId;
import dev.telemetryagent.send.DeliveryStats;
import dev.telemetryagent.send.Spool;
import dev.telemetryagent.state.RefusedFileException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code status}: on or off and the rule that decided, mode, ids, endpoint, delivery, and the files read. */
final class StatusCommand {
    private StatusCommand() {
    }

    static int run(CliContext c, PrintStream out) {
        AgentConfig config = c.config();
        Situation s = c.situation();
        Decision d = OptOutRules.decide(s);
        out.println("Telemetry for " + c.appName() + ": " + (d.isEnabled() ? "enabled" : "disabled"));
        if (!d.isEnabled()) {
            row(out, "why", d.reason());
            row(out, "rule", d.rule() + " (" + ruleNumber(d.rule()) + " of " + OptOutRules.names().size() + ")");
        }
        Mode mode = d.isEnabled() ? d.mode() : config.telemetry().mode();
        row(out, "mode", mode.tomlName() + (d.isEnabled() && d.ciRun() ? " (CI run, tagged ci_run)" : ""));
        if (d.isEnabled() && d.userId() != null) {
            row(out, "user id", d.userId());
        }
        row(out, "consent", consent(config.telemetry().consent(), s.userState()));
        row(out, "anon id", anonymousId(c));
        String endpoint = config.sender().endpoint();
        row(out, "endpoint", endpoint == null ? "none (events would only be printed to stderr)"
                : endpoint + " (" + config.sender().format().name().toLowerCase(java.util.Locale.ROOT) + ")");
        row(out, "delivery", delivery(c));
        row(out, "config", config.source());
        row(out, "user file", describe(s.userState()));
        row(out, "project", describe(s.projectState()));
        out.println();
        out.println(next(c, d));
        return ControlCommand.OK;
    }

    /**
     * What became of spooled events: the counters of every outcome (none is ever lost unsaid), the events
     * still waiting, and the last failure (a redirect among them, which keeps its events).
     */
    private static String delivery(CliContext c) {
        Spool spool = new Spool(c.state());
        Map<String, Object> stats = new DeliveryStats(spool.dir()).read();
        StringBuilder sb = new StringBuilder();
        for (String counter : DeliveryStats.COUNTERS) {
            Object n = stats.get(counter);
            sb.append(sb.length() == 0 ? "" : ", ").append(counter).append(' ').append(n instanceof Number ? n : 0);
        }
        long events = 0;
        List<File> files = spool.waiting();
        for (File f : files) {
            events += Spool.eventsIn(f);
        }
        sb.append("; waiting ").append(events).append(" in ").append(files.size()).append(" spool file")
                .append(files.size() == 1 ? "" : "s");
        Object failure = stats.get("last_failure");
        if (failure != null) {
            sb.append("; last failure ").append(failure).append(" at ").append(stats.get("last_failure_at"));
        }
        return sb.toString();
    }

    private static void row(PrintStream out, String label, String value) {
        StringBuilder sb = new StringBuilder("  ").append(label);
        while (sb.length() < 13) {
            sb.append(' ');
        }
        out.println(sb.append(value));
    }

    private static int ruleNumber(String name) {
        return OptOutRules.names().indexOf(name) + 1;
    }

    private static String consent(ConsentPolicy policy, StateFile user) {
        switch (policy) {
            case NONE:
                return "none (the application's maintainer collects it)";
            case NOTICE:
                if (user.consentGivenOn() != null) {
                    return "notice; consent given " + user.consentGivenOn();
                }
                return user.noticeShownOn() != null ? "notice; shown " + user.noticeShownOn() : "notice; not shown yet";
            default:
                return user.consentGivenOn() != null ? "prompt; answered " + user.consentGivenOn()
                        : "prompt; not answered yet";
        }
    }

    private static String anonymousId(CliContext c) {
        try {
            String id = AnonymousId.read(c.state());
            return id != null ? id : "none yet (made at the first send)";
        } catch (IOException e) {
            return "unreadable (" + (e instanceof RefusedFileException ? e.getMessage() : e.getClass().getSimpleName())
                    + ")";
        }
    }

    private static String describe(StateFile f) {
        if (f.problem() != null) {
            return f.file().getPath() + " (unreadable: " + f.problem() + ")";
        }
        if (!f.exists()) {
            return f.file().getPath() + " (not present)";
        }
        return f.file().getPath() + " (read)";
    }

    /** One line saying what the user can do next. */
    private static String next(CliContext c, Decision d) {
        String cmd = c.command();
        if (d.isEnabled()) {
            return "To turn it off: " + cmd + " disable   (or export DO_NOT_TRACK=1)";
        }
        String rule = d.rule();
        String reason = d.reason();
        if (rule.equals("mode_off")) {
            return "The config sets mode = \"off\": nothing is ever sent.";
        }
        if (rule.equals("do_not_track") || rule.equals("disable_env")) {
            String variable = reason.substring(reason.lastIndexOf(' ') + 1);
            return variable + " is set in your environment; nothing is sent while it is.";
        }
        if (rule.equals("system_property")) {
            return "-D" + OptOutRules.DISABLED_PROPERTY + " is given to the JVM; nothing is sent while it is.";
        }
        if (rule.equals("ci")) {
            return "CI runs send nothing (ci = \"disable\" in the config).";
        }
        if (rule.equals("user_state")) {
            return (c.situation().userState().problem() != null ? "Fix or delete " + c.userFile() + ", or run: "
                    : "To turn it back on: ") + cmd + " enable";
        }
        if (rule.equals("project_state")) {
            return "To turn it back on in this project: " + cmd + " enable --project";
        }
        if (rule.equals(OptOutRules.CONSENT)) {
            String what = c.config().telemetry().consent() == ConsentPolicy.PROMPT ? "answer the question"
                    : "see the notice";
            return "Nothing is sent until you run " + c.appName() + " once in a terminal to " + what
                    + ", or run: " + cmd + " enable";
        }
        return "The application was given --disable-telemetry; later runs stay disabled.";
    }
}
