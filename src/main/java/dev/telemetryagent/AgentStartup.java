package dev.telemetryagent;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigException;
import dev.telemetryagent.config.ConfigLoader;
import dev.telemetryagent.config.ConfigLocator;
import dev.telemetryagent.consent.Decision;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.instrument.BridgeInjector;
import dev.telemetryagent.instrument.Instrumenter;
import dev.telemetryagent.logging.AgentLog;
import dev.telemetryagent.send.RunFlusher;
import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * Everything premain does once the cheapest opt-out has passed: find and validate the config, decide
 * every opt-out, then instrument and arrange for events to leave at exit. Each step that fails stops
 * here, with the host untouched.
 */
final class AgentStartup {
    private AgentStartup() {
    }

    static void start(String args, Instrumentation inst, boolean attachedLate) throws Exception {
        if (System.getProperty(dev.telemetryagent.send.SenderMain.MARKER) != null) {
            return;
        }
        long start = System.nanoTime();
        String configOption = configOption(args);
        if (configOption == null && args != null && !args.trim().isEmpty()) {
            System.err.println("[telemetry-agent] disabled: unknown agent option \"" + args
                    + "\" (expected config=PATH)");
            return;
        }
        File agentJar = agentJar();
        ConfigLocator.Location location = ConfigLocator.locate(configOption,
                System.getProperty(ConfigLocator.PROPERTY), System.getenv(), agentJar);
        if (!location.isFound()) {
            System.err.println("[telemetry-agent] disabled: no config found (looked at " + location.searched() + ")");
            return;
        }
        AgentConfig config;
        try {
            config = ConfigLoader.load(location, System.getProperty("user.home"));
        } catch (ConfigException e) {
            System.err.println("[telemetry-agent] disabled: invalid config " + e.describe(location.name()));
            return;
        }
        if (config.sender().debug()) {
            AgentLog.enableDebug();
        }
        long configured = System.nanoTime();
        Decision decision = OptOutRules.decide(Situation.current(config));
        long decided = System.nanoTime();
        if (!decision.isEnabled()) {
            if (AgentLog.isDebug()) {
                AgentLog.get().debug(decision.reason());
            }
            return;
        }
        BridgeInjector.inject(inst, agentJar);
        long bridged = System.nanoTime();
        Instrumenter instrumenter = Instrumenter.install(inst, config, null, attachedLate, agentBuild(agentJar));
        RunFlusher flusher = new RunFlusher(config, instrumenter.recorder(), agentJar);
        Runtime.getRuntime().addShutdownHook(new Thread(flusher, "telemetry-agent-exit"));
        if (AgentLog.isDebug()) {
            long done = System.nanoTime();
            AgentLog.get().debug("started in {} us (config {}, opt-outs {}, bridge {}, instrumentation {})",
                    micros(start, done), micros(start, configured), micros(configured, decided),
                    micros(decided, bridged), micros(bridged, done));
        }
    }

    private static long micros(long from, long to) {
        return (to - from) / 1000;
    }

    /** The path of {@code config=PATH}, or null when the option is absent. */
    static String configOption(String args) {
        if (args == null) {
            return null;
        }
        String a = args.trim();
        return a.startsWith("config=") ? a.substring("config=".length()) : null;
    }

    /** Version, size and time of the agent jar: a rebuilt agent never reuses another build's woven classes. */
    private static String agentBuild(File agentJar) {
        String version = RunFlusher.agentVersion();
        return agentJar == null ? version : version + "-" + agentJar.length() + "-" + agentJar.lastModified();
    }

    private static File agentJar() {
        try {
            java.security.CodeSource source = TelemetryAgent.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            File f = new File(source.getLocation().toURI());
            return f.isFile() ? f : null;
        } catch (Exception e) {
            return null;
        }
    }
}
