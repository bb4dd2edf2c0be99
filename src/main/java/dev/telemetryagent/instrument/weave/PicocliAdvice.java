package dev.telemetryagent.instrument.weave;

import dev.telemetryagent.bootstrap.Bridge;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import picocli.CommandLine;

/**
 * Advice on {@code picocli.CommandLine#execute(String...)}: it sees the exit code, and the command
 * line's parse result names the executed subcommand, however the application built its commands.
 *
 * <p>The parse result is read here, by plain calls compiled against picocli's public API and inlined
 * into {@code execute} itself, rather than by reflection in the agent: reflection on
 * {@code CommandLine} (a class of some 200 public methods) cost a cold JVM about 7 ms per run. Only
 * names are taken (command names, each matched option's names, and the typed arguments, which the
 * recorder uses to tell which of an option's names was typed); values never leave the recorder. A
 * picocli that lacks one of these methods leaves what was read before it, and the recorder names a
 * command it could not read {@code unknown}.
 */
public final class PicocliAdvice {
    private PicocliAdvice() {
    }

    /** Starts timing. */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@MethodId int id) {
        return Bridge.enter(id);
    }

    /** Records the command; beyond the per-run cap it reads nothing and allocates nothing. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@MethodId int id, @Advice.Enter long token, @Advice.This Object self,
            @Advice.Return int exitCode, @Advice.Thrown Throwable thrown) {
        if (token > 0L) {
            if (!Bridge.detailed()) {
                Bridge.exitCommand(token, null, null, null, exitCode, thrown);
                return;
            }
            List<String> path = new ArrayList<String>(3);
            List<String[]> options = new ArrayList<String[]>(4);
            List<String> typed = null;
            try {
                CommandLine commandLine = (CommandLine) self;
                CommandLine.ParseResult parsed = commandLine.getParseResult();
                if (parsed == null) {
                    path.add(commandLine.getCommandName());
                } else {
                    typed = parsed.originalArgs();
                    for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
                        path.add(level.commandSpec().name());
                        for (CommandLine.Model.OptionSpec option : level.matchedOptions()) {
                            options.add(option.names());
                        }
                    }
                }
            } catch (Throwable picocliDiffers) {
                // What was read before the difference stands.
            }
            Bridge.exitCommand(token, path, options, typed, exitCode, thrown);
        } else if (token == 0L) {
            Bridge.exitNested(id);
        }
    }
}
