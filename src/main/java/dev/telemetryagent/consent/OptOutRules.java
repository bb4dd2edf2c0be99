package dev.telemetryagent.consent;

import dev.telemetryagent.config.CiPolicy;
import dev.telemetryagent.config.ConsentPolicy;
import dev.telemetryagent.config.Mode;
import dev.telemetryagent.config.TelemetrySettings;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * The single decision point: every opt-out rule, in the contract's order (section 5), consulted before
 * anything is instrumented and again before every send. The first rule that says no decides, and its
 * reason is what {@code status} prints. Each rule is one method, with no regex and no lambda, since this
 * runs in premain of every host application: one class to load instead of one per rule.
 */
public final class OptOutRules {
    /** Name of rule 9, which a first interactive run can satisfy by showing the notice or asking. */
    public static final String CONSENT = "consent";
    /** Name of rule 8. */
    public static final String DISABLE_FLAG = "disable_flag";
    /** The system property of rule 4. */
    public static final String DISABLED_PROPERTY = "telemetry.disabled";

    /** The rules' short stable names, in the contract's order. */
    private static final List<String> NAMES = Collections.unmodifiableList(Arrays.asList(
            "mode_off", "do_not_track", "disable_env", "system_property", "ci", "user_state", "project_state",
            DISABLE_FLAG, CONSENT));

    private OptOutRules() {
    }

    /** The rules' names in order ({@code do_not_track}, ...). */
    public static List<String> names() {
        return NAMES;
    }

    /** Applies every rule; the first that says no decides. */
    public static Decision decide(Situation situation) {
        for (int rule = 0; rule < NAMES.size(); rule++) {
            String reason = check(rule, situation);
            if (reason != null) {
                return Decision.disabled(NAMES.get(rule), reason);
            }
        }
        TelemetrySettings t = situation.config().telemetry();
        Mode mode = narrower(t.mode(), situation.userState().mode());
        mode = narrower(mode, situation.projectState().mode());
        String userId = null;
        if (mode == Mode.IDENTIFIED) {
            userId = t.userId() != null ? t.userId() : situation.userState().userId();
        }
        boolean ciRun = t.ci() == CiPolicy.TAG && CiEnvironment.detect(situation.env()) != null;
        return Decision.enabled(mode, userId, ciRun);
    }

    /** Why rule number {@code rule} (0-based) says no, or null when it does not apply. */
    static String check(int rule, Situation s) {
        switch (rule) {
            case 0:
                return modeOff(s);
            case 1:
                return doNotTrack(s);
            case 2:
                return disableVariable(s);
            case 3:
                return disabledProperty(s);
            case 4:
                return ci(s);
            case 5:
                return userState(s);
            case 6:
                return projectState(s);
            case 7:
                return disableFlag(s);
            default:
                return consent(s);
        }
    }

    /** The narrower of two modes (off, then anonymous, then identified); null leaves the first as it is. */
    static Mode narrower(Mode a, Mode b) {
        return b == null || a.ordinal() <= b.ordinal() ? a : b;
    }

    /** Rule 1: {@code mode = "off"} in the agent config. */
    private static String modeOff(Situation s) {
        return s.config().telemetry().mode() == Mode.OFF ? "disabled: mode = \"off\" in " + s.config().source()
                : null;
    }

    /** Rule 2: {@code DO_NOT_TRACK}. */
    private static String doNotTrack(Situation s) {
        return s.isTruthy("DO_NOT_TRACK") ? "disabled by DO_NOT_TRACK" : null;
    }

    /** Rule 3: {@code <APP>_TELEMETRY_DISABLED}, {@code DISABLE_TELEMETRY}, {@code TELEMETRY_DISABLED}, {@code disable_env}. */
    private static String disableVariable(Situation s) {
        String app = s.config().app().disabledVariable();
        if (s.isTruthy(app)) {
            return "disabled by " + app;
        }
        if (s.isTruthy("DISABLE_TELEMETRY")) {
            return "disabled by DISABLE_TELEMETRY";
        }
        if (s.isTruthy("TELEMETRY_DISABLED")) {
            return "disabled by TELEMETRY_DISABLED";
        }
        for (String name : s.config().telemetry().disableEnv()) {
            if (s.isTruthy(name)) {
                return "disabled by " + name;
            }
        }
        return null;
    }

    /**
     * Rule 4: {@code -Dtelemetry.disabled=true}. Any value but {@code 0}/{@code false} counts, and so does
     * the bare {@code -Dtelemetry.disabled}: whoever typed it meant no.
     */
    private static String disabledProperty(Situation s) {
        Properties p = s.properties();
        String v = p.getProperty(DISABLED_PROPERTY);
        if (v == null) {
            return null;
        }
        String t = v.trim();
        if (t.equals("0") || t.equalsIgnoreCase("false")) {
            return null;
        }
        return "disabled by -D" + DISABLED_PROPERTY + (t.isEmpty() ? "" : "=" + t);
    }

    /** Rule 5: a CI environment, when {@code ci = "disable"}. */
    private static String ci(Situation s) {
        if (s.config().telemetry().ci() != CiPolicy.DISABLE) {
            return null;
        }
        String why = CiEnvironment.detect(s.env());
        return why == null ? null : "disabled in CI (" + why + ")";
    }

    /** The reason given for a state file that cannot be read or parsed: when in doubt, nothing is sent. */
    static String unreadable(StateFile f) {
        return "disabled: " + f.file().getPath() + " cannot be read (" + f.problem() + ")";
    }

    /** Rule 6: the user's state file says no, or cannot be read. */
    private static String userState(Situation s) {
        StateFile f = s.userState();
        if (!f.optsOut()) {
            return null;
        }
        if (f.problem() != null) {
            return unreadable(f);
        }
        if (Boolean.FALSE.equals(f.enabled())) {
            String on = f.enabledChangedOn() == null ? "" : " on " + f.enabledChangedOn();
            if (UserChoices.BY_DISABLE.equals(f.enabledChangedBy())) {
                return "disabled: user ran `disable`" + on;
            }
            if (UserChoices.BY_FLAG.equals(f.enabledChangedBy())) {
                return "disabled: the application was run with --disable-telemetry" + on;
            }
            if (UserChoices.BY_PROMPT.equals(f.enabledChangedBy())) {
                return "disabled: user answered \"off\" to the telemetry question" + on;
            }
            return "disabled: enabled = false in " + f.file().getPath();
        }
        return "disabled: mode = \"off\" in " + f.file().getPath();
    }

    /** Rule 7: {@code .<app>/telemetry.toml} in the working directory says no (this project only). */
    private static String projectState(Situation s) {
        StateFile f = s.projectState();
        if (!f.optsOut()) {
            return null;
        }
        if (f.problem() != null) {
            return unreadable(f);
        }
        if (Boolean.FALSE.equals(f.enabled()) && UserChoices.BY_DISABLE.equals(f.enabledChangedBy())) {
            String on = f.enabledChangedOn() == null ? "" : " on " + f.enabledChangedOn();
            return "disabled for this project: user ran `disable --project`" + on;
        }
        return "disabled for this project by " + f.file().getPath();
    }

    /** Rule 8: {@code --disable-telemetry} among the application's arguments. */
    private static String disableFlag(Situation s) {
        return s.hasDisableFlag() ? "disabled by --disable-telemetry among the application's arguments" : null;
    }

    /** Rule 9: no consent yet (notice not shown, or question not answered). */
    private static String consent(Situation s) {
        ConsentPolicy policy = s.config().telemetry().consent();
        if (policy == ConsentPolicy.NONE) {
            return null;
        }
        StateFile f = s.userState();
        if (f.consentGivenOn() != null) {
            return null;
        }
        if (policy == ConsentPolicy.NOTICE) {
            return f.noticeShownOn() != null ? null
                    : "no consent yet: the first-run notice has not been shown";
        }
        return "no consent yet: the telemetry question has not been answered";
    }
}
