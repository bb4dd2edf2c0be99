package dev.telemetryagent.consent;

import dev.telemetryagent.config.Mode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The single decision point: every opt-out rule, in the contract's order, consulted before anything is
 * instrumented and again before every send.
 */
public final class OptOutRules {
    private static final List<OptOutRule> RULES = Collections.unmodifiableList(Arrays.<OptOutRule>asList(
            new ModeOffRule(),
            new DoNotTrackRule()));

    private OptOutRules() {
    }

    /** The rules in order. */
    public static List<OptOutRule> rules() {
        return RULES;
    }

    /** Applies every rule; the first that says no decides. */
    public static Decision decide(Situation situation) {
        for (OptOutRule rule : RULES) {
            String reason = rule.check(situation);
            if (reason != null) {
                return Decision.disabled(rule.name(), reason);
            }
        }
        Mode mode = situation.config().telemetry().mode();
        String userId = mode == Mode.IDENTIFIED ? situation.config().telemetry().userId() : null;
        return Decision.enabled(mode, userId, false);
    }

    /** Rule 1: {@code mode = "off"} in the agent config. */
    static final class ModeOffRule implements OptOutRule {
        @Override
        public String name() {
            return "mode_off";
        }

        @Override
        public String check(Situation s) {
            return s.config().telemetry().mode() == Mode.OFF ? "disabled: mode = \"off\" in " + s.config().source()
                    : null;
        }
    }

    /** Rule 2: {@code DO_NOT_TRACK}. */
    static final class DoNotTrackRule implements OptOutRule {
        @Override
        public String name() {
            return "do_not_track";
        }

        @Override
        public String check(Situation s) {
            return s.isTruthy("DO_NOT_TRACK") ? "disabled by DO_NOT_TRACK" : null;
        }
    }
}
