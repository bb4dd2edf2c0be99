package dev.telemetryagent.consent;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether this run is interactive: the JVM has a console on a terminal, meaning stdin and stdout are
 * both terminals. Up to JDK 21 that is {@code System.console() != null}; from JDK 22 the console may
 * exist even when redirected, and {@code Console.isTerminal()} (called reflectively, since the agent
 * is compiled for Java 11) tells.
 */
public final class Terminal {
    private Terminal() {
    }

    /** True when a person is at a terminal on both stdin and stdout. */
    public static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        Method isTerminal;
        try {
            isTerminal = Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
