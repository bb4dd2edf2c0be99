package dev.telemetryagent.send;

import java.io.File;
import java.io.IOException;

/**
 * Process ids on the application's exit path: this process's id and whether another process is alive.
 * {@link ProcessHandle} would answer both, but its first use initialises {@code ProcessHandleImpl}
 * (a thread pool, lambdas, a native library): about 5 ms of every warm run's exit, measured with a
 * profiler (docs/PERFORMANCE.md). On Linux {@code /proc} answers in a file lookup; elsewhere
 * {@link ProcessHandle} does.
 */
final class ProcessIds {
    private static final File PROC = new File("/proc");
    private static final boolean HAS_PROC = new File(PROC, "self").isDirectory();

    private ProcessIds() {
    }

    /** This process's id. */
    static long current() {
        if (HAS_PROC) {
            try {
                // /proc/self is a link named after the reading process's id.
                return Long.parseLong(new File(PROC, "self").getCanonicalFile().getName());
            } catch (IOException | NumberFormatException e) {
                // Falls through to the slower, portable answer.
            }
        }
        return ProcessHandle.current().pid();
    }

    /** Whether a process with this id exists (a zombie counts, as with {@link ProcessHandle#isAlive}). */
    static boolean isAlive(long pid) {
        if (pid <= 0) {
            return false;
        }
        if (HAS_PROC) {
            return new File(PROC, Long.toString(pid)).isDirectory();
        }
        java.util.Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive();
    }
}
