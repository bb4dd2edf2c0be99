package dev.telemetryagent.consent;

import dev.telemetryagent.config.Mode;
import dev.telemetryagent.event.Timestamps;
import java.io.File;
import java.io.IOException;

/**
 * Records the user's telemetry choices in a state file, with the date and what made them, so
 * {@code status} can say "disabled: user ran `disable` on 2026-11-20".
 */
public final class UserChoices {
    /** {@code enabled_changed_by} of the {@code disable} command. */
    public static final String BY_DISABLE = "disable";
    /** {@code enabled_changed_by} of the {@code enable} command. */
    public static final String BY_ENABLE = "enable";
    /** {@code enabled_changed_by} of the application argument. */
    public static final String BY_FLAG = "--disable-telemetry";
    /** {@code enabled_changed_by} of the first-run question. */
    public static final String BY_PROMPT = "prompt";

    private UserChoices() {
    }

    /** Today's date (UTC), as recorded. */
    public static String today() {
        return Timestamps.iso(System.currentTimeMillis()).substring(0, 10);
    }

    /**
     * Comment lines at the top of a new state file.
     *
     * @param controlCommand how this user reaches the control commands ({@link ControlHint})
     */
    static String header(String appName, String controlCommand) {
        return "# Telemetry choices for " + appName + " on this machine, kept by telemetry-agent.\n"
                + "# Edit freely, or run: " + controlCommand + " status\n"
                + "# (or disable, enable, preview, log in place of status)\n";
    }

    /**
     * {@code enabled = false}.
     *
     * @param by what turned it off: {@link #BY_DISABLE} or {@link #BY_FLAG}
     * @return where an unreadable file was kept aside, or null
     */
    public static String disable(File file, String appName, String by, String controlCommand) throws IOException {
        StateFileWriter w = StateFileWriter.open(file, header(appName, controlCommand));
        w.set(StateFile.ENABLED, false).set(StateFile.ENABLED_CHANGED_BY, by)
                .set(StateFile.ENABLED_CHANGED_ON, today()).save();
        return w.keptAside();
    }

    /**
     * {@code enabled = true}, and drops {@code mode = "off"}. In the user's file it also counts as consent
     * and as the notice having been shown.
     *
     * @param userFile whether this is the user's file (not a project's)
     * @return where an unreadable file was kept aside, or null
     */
    public static String enable(File file, String appName, boolean userFile, String controlCommand)
            throws IOException {
        StateFileWriter w = StateFileWriter.open(file, header(appName, controlCommand));
        String today = today();
        w.set(StateFile.ENABLED, true).set(StateFile.ENABLED_CHANGED_BY, BY_ENABLE)
                .set(StateFile.ENABLED_CHANGED_ON, today);
        StateFile current = StateFile.read(file);
        if (current.mode() == Mode.OFF) {
            w.remove(StateFile.MODE);
        }
        if (userFile) {
            w.setIfAbsent(StateFile.NOTICE_SHOWN_ON, today).setIfAbsent(StateFile.CONSENT_GIVEN_ON, today);
        }
        w.save();
        return w.keptAside();
    }

    /** Records that the first-run notice was shown today. */
    public static void noticeShown(File file, String appName, String controlCommand) throws IOException {
        StateFileWriter.open(file, header(appName, controlCommand)).set(StateFile.NOTICE_SHOWN_ON, today()).save();
    }

    /** Records the answer to the first-run question: off, anonymous or identified. */
    public static void answered(File file, String appName, Mode answer, String controlCommand) throws IOException {
        StateFileWriter w = StateFileWriter.open(file, header(appName, controlCommand));
        String today = today();
        if (answer == Mode.OFF) {
            w.set(StateFile.ENABLED, false);
        } else {
            w.set(StateFile.ENABLED, true).set(StateFile.MODE, answer.tomlName());
        }
        w.set(StateFile.ENABLED_CHANGED_BY, BY_PROMPT).set(StateFile.ENABLED_CHANGED_ON, today)
                .set(StateFile.CONSENT_GIVEN_ON, today).setIfAbsent(StateFile.NOTICE_SHOWN_ON, today).save();
    }
}
