package dev.telemetryagent.instrument.weave;

import dev.telemetryagent.bootstrap.Bridge;
import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;
import picocli.CommandLine;

/**
 * Advice on {@code CommandLine.handleUnhandled(Exception, CommandLine, int)}, where {@code execute}
 * turns into an exit code what no handler took: an exception out of a custom execution strategy that
 * is not picocli's own, or one that an exception handler itself threw. Runs only on that path.
 */
public final class PicocliUnhandledAdvice {
    private PicocliUnhandledAdvice() {
    }

    /**
     * Passes the exception, and the class of the command it belongs to, to the recorder. The command
     * line is taken as an {@code Object}: Byte Buddy resolves an advice's parameter types from the
     * agent's side, where picocli may not be visible (inside a Spring Boot jar it is not); the cast in
     * the body is resolved in picocli's own class.
     */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Exception failure, @Advice.Argument(1) Object commandLine) {
        Object command = commandLine == null ? null : ((CommandLine) commandLine).getCommand();
        Class<?> origin = command instanceof Method ? ((Method) command).getDeclaringClass()
                : command == null ? null : command.getClass();
        Bridge.commandFailed(failure, origin, null, null, null);
    }
}
