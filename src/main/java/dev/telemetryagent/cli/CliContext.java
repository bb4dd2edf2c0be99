package dev.telemetryagent.cli;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.consent.ControlHint;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.util.Map;
import java.util.Properties;

/** What every control command works on: the config, this machine's situation, and how to call us again. */
final class CliContext {
    private final AgentConfig config;
    private final File agentJar;
    private final Map<String, String> env;
    private final Properties properties;
    private final File workingDir;

    CliContext(AgentConfig config, File agentJar, Map<String, String> env, Properties properties, File workingDir) {
        this.config = config;
        this.agentJar = agentJar;
        this.env = env;
        this.properties = properties;
        this.workingDir = workingDir;
    }

    AgentConfig config() {
        return config;
    }

    String appName() {
        return config.app().name();
    }

    StateDirectory state() {
        return new StateDirectory(config.telemetry().stateDir());
    }

    File userFile() {
        return Situation.userStateFile(config);
    }

    File projectFile() {
        return Situation.projectStateFile(config, workingDir);
    }

    /**
     * The situation as an application run from here would see it, minus its arguments (this JVM's are
     * the control command's own).
     */
    Situation situation() {
        return new Situation(config, env, properties, workingDir, null);
    }

    /** How the user runs the control commands again ({@link ControlHint}), for the "what next" lines. */
    String command() {
        return ControlHint.of(agentJar, config.source());
    }
}
