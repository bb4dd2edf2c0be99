package dev.telemetryagent.instrument.weave;

import dev.telemetryagent.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Advice on the application's {@code main(String[])}: removes {@code --disable-telemetry} before main sees it. */
public final class MainArgumentsAdvice {
    private MainArgumentsAdvice() {
    }

    /** Replaces the argument array when it holds the flag. */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) String[] args) {
        args = Bridge.withoutDisableFlag(args);
    }
}
