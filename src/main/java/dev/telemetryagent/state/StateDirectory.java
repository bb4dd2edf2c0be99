package dev.telemetryagent.state;

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
        File tmp = temporarySibling(target);
        try {
            try (OutputStream out = createOwnerOnly(tmp)) {
                out.write(bytes);
                out.flush();
            }
            replace(tmp, target);
        } finally {
            if (tmp.exists()) {
                tmp.delete();
            }
        }
    }

    /**
     * A fresh hidden name beside {@code target} for writing it atomically: write there (with
     * {@link #createOwnerOnly}), then {@link #replace} the target with it, and delete it if anything failed.
     */
    public static File temporarySibling(File target) {
        File parent = target.getAbsoluteFile().getParentFile();
        return new File(parent, "." + target.getName() + ".tmp-" + Long.toHexString(System.nanoTime())
                + "-" + Long.toHexString(Thread.currentThread().getId()));
    }

    /** Creates the file, readable and writable by its owner only, and opens it for writing. */
    public static OutputStream createOwnerOnly(File f) throws IOException {
        OutputStream out = new FileOutputStream(f);
        ownerOnly(f, false);
        return out;
    }

    /** Renames {@code tmp} over {@code target}. */
    public static void replace(File tmp, File target) throws IOException {
        if (!tmp.renameTo(target)) {
            // Windows cannot rename over an existing file.
            if (!target.delete() || !tmp.renameTo(target)) {
                throw new IOException("cannot replace " + target.getName());
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
