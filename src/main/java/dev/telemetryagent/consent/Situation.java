package dev.telemetryagent.consent;

import dev.telemetryagent.config.AgentConfig;
import java.io.File;
import java.util.Map;
import java.util.Properties;

/** Everything the opt-out rules look at, gathered once so each rule stays a small pure check. */
public final class Situation {
    private final AgentConfig config;
    private final Map<String, String> env;
    private final Properties properties;
    private final File workingDir;
    private final String javaCommand;

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
}
