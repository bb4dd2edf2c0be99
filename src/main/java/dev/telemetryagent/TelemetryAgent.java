package dev.telemetryagent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;

/**
 * The agent's entry points ({@code Premain-Class}, {@code Agent-Class}, {@code Launcher-Agent-Class}).
 *
 * <p>Rules for this class, which runs inside every host application before its {@code main}:
 * <ul>
 *   <li>It touches as few classes as possible: the cheapest opt-out ({@code DO_NOT_TRACK}) is checked
 *       before anything else is loaded, and nothing here uses lambdas, string formatting or regular
 *       expressions, each of which costs the host milliseconds of class loading.</li>
 *   <li>Everything else runs in the agent's own class loader ({@link AgentClassLoader}), which reads the
 *       agent's classes straight from its jar; this class reaches it by name only.</li>
 *   <li>One catch of {@link Throwable}: whatever goes wrong, the host runs as if no agent were there,
 *       and at most one line prefixed {@code [telemetry-agent]} reaches stderr.</li>
 * </ul>
 */
public final class TelemetryAgent {
    private static final String STARTUP_CLASS = "dev.telemetryagent.AgentStartup";
    /** Guarded by the class: made by the first copy of the agent that gets past the cheapest opt-out. */
    private static ClassLoader agentLoader;

    private TelemetryAgent() {
    }

    /** Entry point for {@code -javaagent}. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /** Entry point for dynamic attach and {@code Launcher-Agent-Class}. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attachedLate) {
        try {
            if (isJdkTool()) {
                return;
            }
            if (isTruthy(System.getenv("DO_NOT_TRACK"))
                    && !mentionsAgentArgument(System.getProperty("sun.java.command"))) {
                if ("1".equals(System.getenv("TELEMETRY_AGENT_DEBUG"))) {
                    System.err.println("[telemetry-agent] debug: DO_NOT_TRACK is set (opt-out rule 2, do_not_track):"
                            + " nothing is instrumented or sent");
                }
                return;
            }
            Class.forName(STARTUP_CLASS, true, agentLoader())
                    .getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, args, inst, attachedLate);
        } catch (Throwable t) {
            Throwable failure = t instanceof InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            try {
                System.err.println("[telemetry-agent] disabled: failed to start (" + failure.getClass().getName()
                        + ")");
            } catch (Throwable ignored) {
                // stderr itself failed; there is nothing left to tell anyone
            }
        }
    }

    /**
     * The agent's version, a constant of its own build: never read from a manifest, which in a tool that
     * embeds the agent is the tool's.
     */
    public static String version() {
        return AgentVersion.VERSION;
    }

    /**
     * One loader for the JVM: every copy of the agent given to it (twice on the command line, embedded in
     * the tool and given again) runs the first copy's entry class, and so shares one {@code AgentStartup}
     * and its claim on the JVM.
     */
    private static synchronized ClassLoader agentLoader() {
        if (agentLoader == null) {
            agentLoader = AgentClassLoader.forAgent(TelemetryAgent.class);
        }
        return agentLoader;
    }

    /**
     * Whether the application's command line may hold {@code --disable-telemetry}, which the agent must
     * remove before main sees it, or {@code --telemetry}, the end user's control commands; both are
     * handled even when DO_NOT_TRACK already keeps everything on the machine.
     */
    private static boolean mentionsAgentArgument(String javaCommand) {
        return javaCommand != null
                && (javaCommand.contains(" --disable-telemetry") || javaCommand.contains(" --telemetry"));
    }

    /**
     * Whether this JVM runs one of the JDK's own tools ({@code javac}, {@code jar}, {@code keytool},
     * {@code jps}, {@code jshell}...), which pick the agent up from {@code JAVA_TOOL_OPTIONS} like any
     * JVM. The agent stays silent and inert there: not even a "no config found" line. The JDK's
     * launchers start every tool as {@code -m <module>/<class>} from {@code java.base} or a
     * {@code jdk.*} module; a tool started by class name is recognised by its package.
     */
    static boolean isJdkTool() {
        String module = System.getProperty("jdk.module.main");
        if (module != null) {
            return module.equals("java.base") || module.startsWith("jdk.");
        }
        String command = System.getProperty("sun.java.command");
        if (command == null) {
            return false;
        }
        return command.startsWith("com.sun.tools.") || command.startsWith("sun.tools.")
                || command.startsWith("sun.security.tools.") || command.startsWith("jdk.internal.")
                || command.startsWith("jdk.tools.") || command.startsWith("jdk.jfr.internal.tool.");
    }

    /** The contract's reading of an opt-out variable; kept here so the cheapest check loads no other class. */
    private static boolean isTruthy(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        return !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }
}
