package dev.telemetryagent.consent;

import dev.telemetryagent.config.ConfigLoader;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's per-user state directory ({@code ~/.<app>} by default) and the small files in it. Files
 * are created owner-only and written atomically (a temporary file, then a rename), so a crash or a
 * concurrent run never leaves a half-written file. Plain {@code java.io} keeps this cheap at startup.
 */
public final class StateDirectory {
    /** Directory under the state dir where caches live; {@code disable} removes it. */
    public static final String CACHE_DIR = "cache";

    private final File dir;

    /** @param path absolute path of the state directory */
    public StateDirectory(String path) {
        this.dir = new File(path);
    }

    /** The directory. */
    public File dir() {
        return dir;
    }

    /** A file in the directory (which may not exist). */
    public File file(String name) {
        return new File(dir, name);
    }

    /** The file's text, or null when it does not exist. */
    public String read(String name) throws IOException {
        File f = file(name);
        if (!f.exists()) {
            return null;
        }
        return ConfigLoader.readText(f);
    }

    /** Creates the directory (owner-only) when it is missing. */
    public void ensureExists() throws IOException {
        ensureDirectory(dir);
    }

    /** Creates a directory owner-only when it is missing. */
    public static void ensureDirectory(File d) throws IOException {
        if (d.isDirectory()) {
            return;
        }
        if (!d.mkdirs() && !d.isDirectory()) {
            throw new IOException("cannot create " + d.getName());
        }
        ownerOnly(d, true);
    }

    /** Writes a file atomically, owner-only. */
    public void write(String name, String text) throws IOException {
        ensureExists();
        writeAtomically(file(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes to {@code target} through a temporary sibling and a rename; owner-only. */
    public static void writeAtomically(File target, byte[] bytes) throws IOException {
        File parent = target.getAbsoluteFile().getParentFile();
        File tmp = new File(parent, "." + target.getName() + ".tmp-" + Long.toHexString(System.nanoTime())
                + "-" + Long.toHexString(Thread.currentThread().getId()));
        try {
            try (OutputStream out = new FileOutputStream(tmp)) {
                ownerOnly(tmp, false);
                out.write(bytes);
                out.flush();
            }
            if (!tmp.renameTo(target)) {
                // Windows cannot rename over an existing file.
                if (!target.delete() || !tmp.renameTo(target)) {
                    throw new IOException("cannot replace " + target.getName());
                }
            }
        } finally {
            if (tmp.exists()) {
                tmp.delete();
            }
        }
    }

    /** Deletes the cache directory with everything in it; returns the number of files deleted. */
    public int deleteCaches() {
        return deleteTree(file(CACHE_DIR));
    }

    /** Deletes a tree without following symbolic links (only the control commands call this, so nio is fine). */
    private static int deleteTree(File f) {
        int n = 0;
        boolean link = java.nio.file.Files.isSymbolicLink(f.toPath());
        File[] children = !link && f.isDirectory() ? f.listFiles() : null;
        if (children != null) {
            for (File c : children) {
                n += deleteTree(c);
            }
        }
        if (f.delete() && children == null) {
            n++;
        }
        return n;
    }

    /** Restricts a file or directory to its owner (rw, plus x for directories). */
    public static void ownerOnly(File f, boolean directory) {
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setExecutable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
        if (directory) {
            f.setExecutable(true, true);
        }
    }
}
