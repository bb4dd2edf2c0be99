package dev.telemetryagent.consent;

import dev.telemetryagent.config.ConfigException;
import dev.telemetryagent.config.Mode;
import dev.telemetryagent.config.TomlParser;
import dev.telemetryagent.config.TomlTable;
import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.RefusedFileException;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;

/**
 * What one telemetry state file says: the user's {@code <state_dir>/telemetry.toml} or a project's
 * {@code .<app>/telemetry.toml}. Known top-level keys are checked strictly (a file whose {@code enabled}
 * is not a boolean says nothing trustworthy, so it counts as an opt-out); unknown keys are left alone,
 * so a newer agent's file still reads.
 */
public final class StateFile {
    /** File name, in the state directory and in a project's {@code .<app>} directory. */
    public static final String NAME = "telemetry.toml";

    /** {@code enabled = true|false}. */
    static final String ENABLED = "enabled";
    /** {@code mode = "off"|"anonymous"|"identified"}: the user's choice, which only narrows the config's. */
    static final String MODE = "mode";
    /** {@code user_id}: sent in identified mode when the config names none. */
    static final String USER_ID = "user_id";
    /** Date the first-run notice was shown. */
    static final String NOTICE_SHOWN_ON = "notice_shown_on";
    /** Date the user answered the telemetry question or ran {@code enable}. */
    static final String CONSENT_GIVEN_ON = "consent_given_on";
    /** Date {@code enabled} was last written by the agent. */
    static final String ENABLED_CHANGED_ON = "enabled_changed_on";
    /** What wrote {@code enabled}: {@code disable}, {@code enable}, {@code --disable-telemetry}, {@code prompt}. */
    static final String ENABLED_CHANGED_BY = "enabled_changed_by";

    private final File file;
    private final boolean exists;
    private final String problem;
    private final Boolean enabled;
    private final Mode mode;
    private final String userId;
    private final String noticeShownOn;
    private final String consentGivenOn;
    private final String enabledChangedOn;
    private final String enabledChangedBy;

    private StateFile(File file, boolean exists, String problem, TomlValues v) {
        this.file = file;
        this.exists = exists;
        this.problem = problem;
        this.enabled = v == null ? null : v.enabled;
        this.mode = v == null ? null : v.mode;
        this.userId = v == null ? null : v.userId;
        this.noticeShownOn = v == null ? null : v.noticeShownOn;
        this.consentGivenOn = v == null ? null : v.consentGivenOn;
        this.enabledChangedOn = v == null ? null : v.enabledChangedOn;
        this.enabledChangedBy = v == null ? null : v.enabledChangedBy;
    }

    /**
     * Reads a project's state file, which may only narrow what is sent: a missing file says nothing; one
     * that is not a regular file of bounded size, or does not parse, carries its {@link #problem()}.
     */
    public static StateFile read(File file) {
        return read(file, null);
    }

    /**
     * Reads the user's state file in the state directory, which must be the user's alone as well.
     *
     * @param trustedIn the state directory that holds it, or null for a project's file
     */
    public static StateFile read(File file, StateDirectory trustedIn) {
        if (trustedIn != null && trustedIn.dir().exists()) {
            // An untrusted directory is an opt-out even before it holds a state file: its ids are not ours.
            String problem = trustedIn.trustProblem();
            if (problem != null) {
                return new StateFile(file, file.exists(), problem, null);
            }
        }
        if (!file.exists()) {
            return new StateFile(file, false, null, null);
        }
        String text;
        try {
            if (trustedIn != null) {
                trustedIn.checkTrusted(file);
            }
            text = FileReads.text(file, StateDirectory.SMALL_FILE_BYTES);
        } catch (RefusedFileException e) {
            return new StateFile(file, true, e.getMessage(), null);
        } catch (IOException e) {
            return new StateFile(file, true, "cannot read it (" + e.getClass().getSimpleName() + ")", null);
        }
        if (text == null) {
            return new StateFile(file, false, null, null);
        }
        TomlTable table;
        try {
            table = TomlParser.parse(text);
        } catch (ConfigException e) {
            // The parser's message may quote the text, which is never repeated: the line number is enough.
            return new StateFile(file, true, e.line() > 0 ? "line " + e.line() + ": not valid TOML" : "not valid TOML",
                    null);
        }
        try {
            return new StateFile(file, true, null, TomlValues.of(table));
        } catch (ConfigException e) {
            return new StateFile(file, true, describe(e), null);
        }
    }

    /** "line 3: key 'enabled': must be true or false", leaving out what is unknown. */
    private static String describe(ConfigException e) {
        StringBuilder sb = new StringBuilder();
        if (e.line() > 0) {
            sb.append("line ").append(e.line()).append(": ");
        }
        if (e.key() != null) {
            sb.append("key '").append(e.key()).append("': ");
        }
        return sb.append(e.getMessage()).toString();
    }

    /** The file. */
    public File file() {
        return file;
    }

    /** Whether the file exists. */
    public boolean exists() {
        return exists;
    }

    /** Why the file cannot be trusted ("line 3: ..."), or null when it read cleanly or is absent. */
    public String problem() {
        return problem;
    }

    /** {@code enabled}, or null when absent. */
    public Boolean enabled() {
        return enabled;
    }

    /** {@code mode}, or null when absent. */
    public Mode mode() {
        return mode;
    }

    /** {@code user_id}, or null. */
    public String userId() {
        return userId;
    }

    /** Date the first-run notice was shown, or null. */
    public String noticeShownOn() {
        return noticeShownOn;
    }

    /** Date of consent (prompt answered, or {@code enable}), or null. */
    public String consentGivenOn() {
        return consentGivenOn;
    }

    /** Date {@code enabled} was last written by the agent, or null. */
    public String enabledChangedOn() {
        return enabledChangedOn;
    }

    /** What last wrote {@code enabled}, or null when it was edited by hand. */
    public String enabledChangedBy() {
        return enabledChangedBy;
    }

    /** Whether this file turns telemetry off: unreadable, {@code enabled = false} or {@code mode = "off"}. */
    public boolean optsOut() {
        return problem != null || Boolean.FALSE.equals(enabled) || mode == Mode.OFF;
    }

    /** The typed values of the known keys. */
    private static final class TomlValues {
        Boolean enabled;
        Mode mode;
        String userId;
        String noticeShownOn;
        String consentGivenOn;
        String enabledChangedOn;
        String enabledChangedBy;

        static TomlValues of(TomlTable t) throws ConfigException {
            TomlValues v = new TomlValues();
            Object e = t.get(ENABLED);
            if (e != null && !(e instanceof Boolean)) {
                throw new ConfigException(t.lineOf(ENABLED), ENABLED, "must be true or false");
            }
            v.enabled = (Boolean) e;
            String m = string(t, MODE);
            if (m != null) {
                v.mode = modeOf(m);
                if (v.mode == null) {
                    throw new ConfigException(t.lineOf(MODE), MODE, "must be \"off\", \"anonymous\" or \"identified\"");
                }
            }
            v.userId = string(t, USER_ID);
            v.noticeShownOn = string(t, NOTICE_SHOWN_ON);
            v.consentGivenOn = string(t, CONSENT_GIVEN_ON);
            v.enabledChangedOn = string(t, ENABLED_CHANGED_ON);
            v.enabledChangedBy = string(t, ENABLED_CHANGED_BY);
            return v;
        }

        private static String string(TomlTable t, String key) throws ConfigException {
            Object o = t.get(key);
            if (o != null && !(o instanceof String)) {
                throw new ConfigException(t.lineOf(key), key, "must be a string");
            }
            return (String) o;
        }
    }

    /** The mode named in TOML, or null. */
    static Mode modeOf(String name) {
        for (Mode m : Mode.values()) {
            if (m.tomlName().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
