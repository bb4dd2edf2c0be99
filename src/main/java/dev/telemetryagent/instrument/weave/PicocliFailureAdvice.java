package dev.telemetryagent.instrument.weave;

import dev.telemetryagent.bootstrap.Bridge;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import picocli.CommandLine;

/**
 * Advice on {@code CommandLine#parseArgs(String...)} and {@code CommandLine.executeUserObject}, the two
 * places from which the failures {@code execute} catches and hands to its exception handlers come: a
 * usage error ({@code ParameterException}) out of the parser or the command's own validation, and an
 * exception of the command's code, wrapped in an {@code ExecutionException}. It passes the failure on
 * as picocli passes it to its handler (the wrapped cause), with the class of the failing command's
 * code; for a usage error also the commands the parser reached and the options it matched before it
 * (declared names only, never a value, never an unknown token: that may be a value or a path). Inlined
 * into picocli's methods, it only runs when they throw, and the success path gains one null check.
 */
public final class PicocliFailureAdvice {
    private PicocliFailureAdvice() {
    }

    /** Passes a thrown failure to the recorder, which keeps it only inside an executing command. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Thrown Throwable thrown) {
        if (thrown == null) {
            return;
        }
        Throwable failure = thrown;
        Object command = null;
        List<String> usagePath = null;
        List<String[]> usageOptions = null;
        List<String> typed = null;
        if (thrown instanceof CommandLine.ParameterException) {
            usagePath = new ArrayList<String>(3);
            usageOptions = new ArrayList<String[]>(4);
            try {
                CommandLine reached = ((CommandLine.ParameterException) thrown).getCommandLine();
                if (reached != null) {
                    command = reached.getCommand();
                }
                List<CommandLine> levels = new ArrayList<CommandLine>(3);
                for (CommandLine level = reached; level != null; level = level.getParent()) {
                    levels.add(0, level);
                }
                for (CommandLine level : levels) {
                    usagePath.add(level.getCommandName());
                    CommandLine.ParseResult parsed = level.getParseResult();
                    if (parsed != null) {
                        if (typed == null) {
                            typed = parsed.originalArgs();
                        }
                        for (CommandLine.Model.OptionSpec option : parsed.matchedOptions()) {
                            usageOptions.add(option.names());
                        }
                    }
                }
            } catch (Throwable picocliDiffers) {
                // What was read before the difference stands.
            }
        } else if (thrown instanceof CommandLine.ExecutionException) {
            CommandLine.ExecutionException wrapped = (CommandLine.ExecutionException) thrown;
            try {
                Throwable cause = wrapped.getCause();
                if (cause instanceof Exception) {
                    failure = cause;
                }
                CommandLine at = wrapped.getCommandLine();
                if (at != null) {
                    command = at.getCommand();
                }
            } catch (Throwable picocliDiffers) {
                // The wrapper itself stands.
            }
        }
        Class<?> origin = command instanceof Method ? ((Method) command).getDeclaringClass()
                : command == null ? null : command.getClass();
        Bridge.commandFailed(failure, origin, usagePath, usageOptions, typed);
    }
}
