package dev.telemetryagent.instrument.weave;

import dev.telemetryagent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice on {@code picocli.CommandLine#execute(String...)}: it sees the exit code, and the command
 * line's parse result names the executed subcommand, however the application built its commands.
 */
public final class PicocliAdvice {
    private PicocliAdvice() {
    }

    /** Starts timing. */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@MethodId int id) {
        return Bridge.enter(id);
    }

    /** Records the command. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@MethodId int id, @Advice.Enter long token, @Advice.This Object commandLine,
            @Advice.Return int exitCode, @Advice.Thrown Throwable thrown) {
        if (token > 0L) {
            Bridge.exitCommand(token, commandLine, exitCode, thrown);
        } else if (token == 0L) {
            Bridge.exitNested(id);
        }
    }
}
