package dev.telemetryagent.consent;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;

/**
 * Whether this run is interactive: stdin, stdout and stderr (where the notice and the prompt are
 * written) are all terminals, so that a notice counts as shown only when it reached a person.
 *
 * <p>stdin and stdout: the JVM has a console on a terminal. Up to JDK 21 that is
 * {@code System.console() != null}; from JDK 22 the console may exist even when redirected, and
 * {@code Console.isTerminal()} (called reflectively, since the agent is compiled for Java 11) tells.
 *
 * <p>stderr: Java has no API for it. On Linux, {@code /proc/self/fd/2} links to the device stderr is
 * written to, a terminal being {@code /dev/pts/N} or {@code /dev/ttyN}; where that link does not exist
 * (macOS, Windows, a Linux without /proc), the platform cannot tell, and stdin and stdout decide alone.
 */
public final class Terminal {
    private static final String STDERR_LINK = "/proc/self/fd/2";

    private Terminal() {
    }

    /** True when a person is at a terminal on stdin, stdout and, where the platform can tell, stderr. */
    public static boolean isInteractive() {
        return consoleIsTerminal() && stderrIsTerminal(new File(STDERR_LINK));
    }

    private static boolean consoleIsTerminal() {
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

    /**
     * Whether the file descriptor link names a terminal device; true when there is no such link (the
     * platform cannot tell), false when it cannot be resolved.
     */
    static boolean stderrIsTerminal(File fdLink) {
        if (!fdLink.getParentFile().isDirectory()) {
            return true;
        }
        String target;
        try {
            target = fdLink.getCanonicalPath();
        } catch (IOException | SecurityException e) {
            return false;
        }
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
