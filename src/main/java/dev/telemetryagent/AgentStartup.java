package dev.telemetryagent;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigException;
import dev.telemetryagent.config.ConfigLoader;
import dev.telemetryagent.config.ConfigLocator;
import dev.telemetryagent.config.InstrumentSpec;
import dev.telemetryagent.cli.TelemetryOption;
import dev.telemetryagent.consent.ControlHint;
import dev.telemetryagent.consent.Decision;
import dev.telemetryagent.consent.DisableFlag;
import dev.telemetryagent.consent.FirstRun;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.consent.Terminal;
import dev.telemetryagent.consent.UserChoices;
import dev.telemetryagent.instrument.Instrumenter;
import dev.telemetryagent.logging.AgentLog;
import dev.telemetryagent.send.RunFlusher;
import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * Everything premain does once the cheapest opt-out has passed: find and validate the config, decide
 * every opt-out, then instrument and arrange for events to leave at exit. Each step that fails stops
 * here, with the host untouched. {@link TelemetryAgent} calls it by name, in the agent's own class loader.
 */
public final class AgentStartup {
    /** Whether a copy of the agent has started instrumenting this JVM. Guarded by the class. */
    private static boolean claimed;

    private AgentStartup() {
    }

    /**
     * One copy of the agent per JVM: a second would weave every class twice and send twice. Every copy
     * (given with -javaagent twice, embedded in the tool and given again, attached to a JVM that has it)
     * joins the application class path, where the first copy's entry class wins; that class keeps one
     * agent class loader for the JVM, so this class is shared.
     */
    private static synchronized boolean claimJvm() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /**
     * Starts the agent unless an opt-out, a bad config or another copy of the agent stops it.
     *
     * @param args the agent's options ({@code config=PATH})
     * @param attachedLate whether the agent was attached to a running JVM
     */
    public static void start(String args, Instrumentation inst, boolean attachedLate) throws Exception {
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
        // The end user's control command (--telemetry first): run it and end the JVM before main, so that
        // the application never sees it and nothing is instrumented or sent. Only before main: premain, or
        // Launcher-Agent-Class on the main thread; an attach to a running JVM (the Attach Listener
        // thread) leaves an application that took its arguments already alone.
        String[] control = !attachedLate || "main".equals(Thread.currentThread().getName())
                ? TelemetryOption.controlArguments(System.getProperty("sun.java.command"),
                        System.getProperty("java.class.path"))
                : null;
        if (control != null) {
            System.exit(TelemetryOption.run(control, configOption, agentJar));
        }
        String home = System.getProperty("user.home");
        ConfigLocator.Location location = ConfigLoader.scoped(ConfigLocator.locate(configOption,
                System.getProperty(ConfigLocator.PROPERTY), System.getenv(), agentJar), home);
        if (!location.isFound()) {
            System.err.println("[telemetry-agent] disabled: no config found (looked at " + location.searched() + ")");
            return;
        }
        AgentConfig config;
        try {
            config = ConfigLoader.load(location, home);
        } catch (ConfigException e) {
            System.err.println("[telemetry-agent] disabled: invalid config " + e.describe(location.name()));
            return;
        }
        if (config.sender().debug()) {
            AgentLog.enableDebug();
        }
        if (location.note() != null && AgentLog.isDebug()) {
            AgentLog.get().debug(location.note());
        }
        long configured = System.nanoTime();
        Situation situation = Situation.current(config);
        Decision decision = OptOutRules.decide(situation);
        for (String warning : situation.warnings()) {
            System.err.println("[telemetry-agent] " + warning);
        }
        if (situation.hasDisableFlag()) {
            honourDisableFlag(inst, config, attachedLate);
            return;
        }
        if (!decision.isEnabled() && OptOutRules.CONSENT.equals(decision.rule()) && Terminal.isInteractive()) {
            FirstRun.Outcome outcome = FirstRun.run(config, ControlHint.of(agentJar, config.source()),
                    System.in, System.err);
            if (outcome == FirstRun.Outcome.QUIT) {
                System.exit(FirstRun.QUIT_STATUS);
            }
            if (outcome == FirstRun.Outcome.DECIDE_AGAIN) {
                decision = OptOutRules.decide(Situation.current(config));
            }
        }
        long decided = System.nanoTime();
        if (!decision.isEnabled()) {
            if (AgentLog.isDebug()) {
                AgentLog.get().debug(decision.reason());
            }
            return;
        }
        if (!claimJvm()) {
            if (AgentLog.isDebug()) {
                AgentLog.get().debug("another copy of the agent is already active in this JVM; this one stays inert");
            }
            return;
        }
        Instrumenter instrumenter = Instrumenter.install(inst, config, null, attachedLate, agentBuild(agentJar),
                agentJar);
        RunFlusher flusher = new RunFlusher(config, instrumenter.recorder(), agentJar);
        Runtime.getRuntime().addShutdownHook(new Thread(flusher, "telemetry-agent-exit"));
        if (AgentLog.isDebug()) {
            long done = System.nanoTime();
            AgentLog.get().debug("started in {} us (config {}, opt-outs {}, instrumentation {})",
                    micros(start, done), micros(start, configured), micros(configured, decided),
                    micros(decided, done));
        }
    }

    private static long micros(long from, long to) {
        return (to - from) / 1000;
    }

    /**
     * {@code --disable-telemetry} was given: record it for every later run, and weave the application's
     * {@code main} alone so that it never sees the flag. No recorder hook, nothing else instrumented.
     */
    private static void honourDisableFlag(Instrumentation inst, AgentConfig config, boolean attachedLate)
            throws Exception {
        String controls = ControlHint.of(agentJar(), config.source());
        try {
            UserChoices.disable(Situation.userStateFile(config), config.app().name(), UserChoices.BY_FLAG, controls);
            System.err.println("[telemetry-agent] telemetry disabled for " + config.app().name()
                    + " by --disable-telemetry, for this and every later run; to turn it back on: " + controls
                    + " enable");
        } catch (java.io.IOException e) {
            System.err.println("[telemetry-agent] could not record --disable-telemetry ("
                    + e.getClass().getSimpleName() + "); nothing is sent from this run");
        }
        String mainClass = DisableFlag.mainClass(System.getProperty("sun.java.command"),
                System.getProperty("java.class.path"));
        if (mainClass == null) {
            return;
        }
        AgentConfig mainOnly = new AgentConfig(config.source(), config.app(),
                config.telemetry(), config.sender(), java.util.Collections.<InstrumentSpec>emptyList());
        if (!claimJvm()) {
            return;
        }
        File agentJar = agentJar();
        Instrumenter.install(inst, mainOnly, mainClass, attachedLate, agentBuild(agentJar), agentJar);
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
        String version = TelemetryAgent.version();
        return agentJar == null ? version : version + "-" + agentJar.length() + "-" + agentJar.lastModified();
    }

    /** The jar the agent's classes are read from, or null when they come from a directory (the build). */
    private static File agentJar() {
        ClassLoader loader = AgentStartup.class.getClassLoader();
        return loader instanceof AgentClassLoader ? ((AgentClassLoader) loader).jar() : null;
    }
}
