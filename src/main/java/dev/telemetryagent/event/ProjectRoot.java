package dev.telemetryagent.event;

import java.io.File;

/**
 * The project a run belongs to, for {@code context.project_hash}: the nearest ancestor of the working
 * directory (itself included) that holds a {@code .git} entry (a directory, or the file of a worktree),
 * else the working directory. Only the entry's existence is checked; nothing in it is read. The path
 * leaves the machine only as a salted hash.
 */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    /** The project root's absolute path for a working directory, as the JVM names it ({@code user.dir}). */
    public static String of(String workingDirectory) {
        File start = new File(workingDirectory).getAbsoluteFile();
        for (File dir = start; dir != null; dir = dir.getParentFile()) {
            if (new File(dir, ".git").exists()) {
                return dir.getPath();
            }
        }
        return start.getPath();
    }

    /** The salted hash of this run's project root (contract, section 3). */
    public static String hash(Hasher hasher) {
        return hasher.hash(of(System.getProperty("user.dir", ".")));
    }
}
