package dev.telemetryagent.logging;

import org.slf4j.Logger;

/**
 * Entry to the agent's own logging. Loaded only when something is logged, so a quiet run never loads
 * SLF4J at all. Debug output is on with {@code TELEMETRY_AGENT_DEBUG=1} or {@code [sender] debug = true}.
 */
public final class AgentLog {
    private static volatile boolean debug = "1".equals(System.getenv("TELEMETRY_AGENT_DEBUG"));

    private AgentLog() {
    }

    /** The agent's logger. */
    public static Logger get() {
        return Holder.LOGGER;
    }

    /** Whether debug lines are printed. */
    public static boolean isDebug() {
        return debug;
    }

    /** Turns debug lines on (from the config). */
    public static void enableDebug() {
        debug = true;
    }

    private static final class Holder {
        static final Logger LOGGER = new StderrLogger("telemetry-agent");
    }
}
