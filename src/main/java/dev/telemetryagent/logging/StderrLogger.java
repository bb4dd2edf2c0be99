package dev.telemetryagent.logging;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The agent's SLF4J logger: one line per message on stderr, prefixed {@code [telemetry-agent]};
 * warnings and errors only, unless debug is on. It is created directly rather than discovered through
 * {@code LoggerFactory}, so it never binds to, configures or disturbs the application's logging.
 */
final class StderrLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;

    /** Prefix of every line the agent prints. */
    static final String PREFIX = "[telemetry-agent] ";

    StderrLogger(String name) {
        this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        StringBuilder sb = new StringBuilder(PREFIX.length() + message.length() + 16).append(PREFIX);
        if (level == Level.DEBUG || level == Level.TRACE) {
            sb.append("debug: ");
        }
        sb.append(message.replace('\n', ' '));
        if (throwable != null && AgentLog.isDebug()) {
            sb.append(" (").append(throwable.getClass().getName()).append(": ").append(throwable.getMessage())
                    .append(')');
        }
        PrintStream err = System.err;
        err.println(sb);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return AgentLog.isDebug();
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return AgentLog.isDebug();
    }

    @Override
    public boolean isInfoEnabled() {
        return AgentLog.isDebug();
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return AgentLog.isDebug();
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return true;
    }
}
