package dev.telemetryagent.state;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * The agent's only way to delete files: only names the agent gives its files, only regular files,
 * only in a real directory (never reached through a link) that belongs to the current user and is
 * writable by nobody else. A link named like one of the agent's files is left alone, and so is anything
 * else a tool keeps beside the agent's files.
 */
public final class FileDeletes {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private FileDeletes() {
    }

    /**
     * Why files cannot be deleted in {@code dir}, or null when they can (or it does not exist).
     *
     * @param followLink whether {@code dir} may be a link (only the state directory itself may be)
     */
    public static String refusal(File dir, boolean followLink) {
        if (!followLink && Files.isSymbolicLink(dir.toPath())) {
            return dir.getName() + " is a link";
        }
        String problem = FileTrust.problem(dir, followLink);
        return problem == null ? null : dir.getName() + " is " + problem;
    }

    /**
     * Deletes {@code f} when it is a regular file (not a link) in a directory that passes
     * {@link #refusal}; the caller names only files the agent created.
     *
     * @return whether it was deleted
     */
    public static boolean delete(File f, boolean parentMayBeLink) {
        File parent = f.getAbsoluteFile().getParentFile();
        if (parent == null || refusal(parent, parentMayBeLink) != null) {
            return false;
        }
        return Files.isRegularFile(f.toPath(), NO_FOLLOW) && f.delete();
    }

    /**
     * Deletes the regular files in {@code dir} whose names end with one of {@code endings} or start with
     * one of {@code prefixes}, and the agent's temporary files; then {@code dir} itself when left empty.
     *
     * @return the number of files deleted
     * @throws RefusedFileException when {@code dir} is a link, or not the current user's alone
     */
    public static int deleteOwn(File dir, String[] prefixes, String[] endings) throws RefusedFileException {
        String refusal = refusal(dir, false);
        if (refusal != null) {
            throw new RefusedFileException(refusal);
        }
        String[] names = dir.list();
        if (names == null) {
            return 0;
        }
        int n = 0;
        for (String name : names) {
            if (isAgents(name, prefixes, endings)) {
                File f = new File(dir, name);
                if (Files.isRegularFile(f.toPath(), NO_FOLLOW) && f.delete()) {
                    n++;
                }
            }
        }
        String[] left = dir.list();
        if (left != null && left.length == 0) {
            dir.delete();
        }
        return n;
    }

    /** Removes {@code dir} when it is an empty real directory (a link to one is left alone). */
    public static void deleteIfEmpty(File dir) {
        String[] left = dir.list();
        if (left != null && left.length == 0 && refusal(dir, false) == null) {
            dir.delete();
        }
    }

    private static boolean isAgents(String name, String[] prefixes, String[] endings) {
        if (name.startsWith(".") && name.contains(FileWrites.TEMPORARY_MARK)) {
            return true;
        }
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        for (String e : endings) {
            if (name.endsWith(e)) {
                return true;
            }
        }
        return false;
    }
}
