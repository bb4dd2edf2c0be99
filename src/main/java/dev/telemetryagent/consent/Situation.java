package dev.telemetryagent.consent;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the opt-out rules look at, gathered once so each rule stays a small pure check. The state
 * files are read on first use and kept for the rest of this decision.
 */
public final class Situation {
    private final AgentConfig config;
    private final Map<String, String> env;
    private final Properties properties;
    private final File workingDir;
    private final String javaCommand;
    private StateFile userState;
    private StateFile projectState;

    /**
     * @param javaCommand the JVM's {@code sun.java.command} (main class or jar, then the arguments), or null
     */
    public Situation(AgentConfig config, Map<String, String> env, Properties properties, File workingDir,
            String javaCommand) {
        this.config = config;
        this.env = env;
        this.properties = properties;
        this.workingDir = workingDir;
        this.javaCommand = javaCommand;
    }

    /** The situation of the running JVM. */
    public static Situation current(AgentConfig config) {
        return new Situation(config, System.getenv(), System.getProperties(),
                new File(System.getProperty("user.dir", ".")), System.getProperty("sun.java.command"));
    }

    /** The agent configuration. */
    public AgentConfig config() {
        return config;
    }

    /** The environment. */
    public Map<String, String> env() {
        return env;
    }

    /** System properties. */
    public Properties properties() {
        return properties;
    }

    /** The working directory (only ever narrows what is sent). */
    public File workingDir() {
        return workingDir;
    }

    /** The JVM's main class or jar and arguments, or null. */
    public String javaCommand() {
        return javaCommand;
    }

    /** The user's state directory. */
    public StateDirectory stateDirectory() {
        return new StateDirectory(config.telemetry().stateDir());
    }

    /** True when an environment variable is set to a value that means "yes": non-empty, not 0/false. */
    public boolean isTruthy(String variable) {
        return Truthiness.isTruthy(env.get(variable));
    }

    /** The user's state file {@code <state_dir>/telemetry.toml}, read once. */
    public StateFile userState() {
        if (userState == null) {
            userState = StateFile.read(userStateFile(config), stateDirectory());
        }
        return userState;
    }

    /** The project's file {@code .<app>/telemetry.toml} in the working directory, read once. */
    public StateFile projectState() {
        if (projectState == null) {
            projectState = StateFile.read(projectStateFile(config, workingDir));
        }
        return projectState;
    }

    /** Where the user's state file lives. */
    public static File userStateFile(AgentConfig config) {
        return new File(config.telemetry().stateDir(), StateFile.NAME);
    }

    /** Where a project's file lives for this working directory. */
    public static File projectStateFile(AgentConfig config, File workingDir) {
        return new File(new File(workingDir, "." + config.app().name()), StateFile.NAME);
    }

    /** Whether the application was given {@code --disable-telemetry}. */
    public boolean hasDisableFlag() {
        return DisableFlag.present(javaCommand);
    }

    /**
     * One line per state file that was read and cannot be trusted (each counts as an opt-out). Only the
     * files the rules actually consulted are named.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>(2);
        addWarning(out, userState);
        addWarning(out, projectState);
        return out;
    }

    private static void addWarning(List<String> out, StateFile f) {
        if (f != null && f.problem() != null) {
            out.add("telemetry disabled: " + f.file().getPath() + " is unreadable (" + f.problem()
                    + "); fix or delete it");
        }
    }
}
