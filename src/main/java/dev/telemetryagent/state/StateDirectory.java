package dev.telemetryagent.state;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's per-user state directory ({@code ~/.<app>} by default) and the small files in it. The
 * directory and every file read from it must belong to the current user and be writable by nobody
 * else ({@link FileTrust}); anything else is refused, so another local user can neither plant an id nor
 * forge a consent. The directory is created 0700 and files 0600, written atomically (a temporary file,
 * then a rename), so a crash or a concurrent run never leaves a half-written file. Plain {@code java.io}
 * for reads keeps this cheap at startup.
 */
public final class StateDirectory {
    /** Directory under the state dir where caches live; {@code disable} removes it. */
    public static final String CACHE_DIR = "cache";
    /** Directory of woven classes under {@link #CACHE_DIR}. */
    public static final String CLASSES_DIR = "classes";
    /** The largest small state file read (ids, salts, the user's choices). */
    public static final int SMALL_FILE_BYTES = 64 * 1024;
    private static final String[] NONE = {};
    /** The key that authenticates cached code, in {@link #CACHE_DIR}. */
    public static final String CACHE_KEY = "key";
    /** The names the agent gives cached files: woven classes and extracted weaver jars. */
    private static final String[] CACHE_ENDINGS = {".bin", ".jar"};
    /** The seals of verified weaver jars ({@code seal-weaver-<crc>-<size>}). */
    private static final String[] CACHE_PREFIXES = {"seal-weaver-"};

    private final File dir;

    /** @param path absolute path of the state directory */
    public StateDirectory(String path) {
        this.dir = new File(path);
    }

    /**
     * Why {@code path} cannot be a state directory, or null when it can: the home directory itself,
     * {@code /}, or a temporary directory itself is shared with files that are not the agent's, and a
     * shared temporary directory with other users.
     *
     * @param home the user's home directory
     */
    public static String unsuitable(String path, String home) {
        String dir = normalized(path);
        if (dir.equals(normalized(home))) {
            return "must not be the home directory itself";
        }
        String[] shared = {"/", "/tmp", "/var/tmp", System.getProperty("java.io.tmpdir", "/tmp")};
        File real = canonical(dir);
        for (String s : shared) {
            if (dir.equals(normalized(s)) || (real != null && real.equals(canonical(normalized(s))))) {
                return s.equals("/") ? "must not be / itself" : "must not be a temporary directory itself";
            }
        }
        return real != null && home != null && real.equals(canonical(normalized(home)))
                ? "must not be the home directory itself" : null;
    }

    /** The path without {@code .} and {@code ..} segments, doubled or trailing separators. */
    private static String normalized(String path) {
        if (path == null) {
            return "";
        }
        String[] parts = path.replace('\\', '/').split("/");
        List<String> kept = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                continue;
            }
            kept.add(p);
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (String p : kept) {
            sb.append('/').append(p);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    /** Where an existing path really is (links resolved), or null. */
    private static File canonical(String path) {
        File f = new File(path);
        try {
            return f.exists() ? f.getCanonicalFile() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The directory. */
    public File dir() {
        return dir;
    }

    /** A file in the directory (which may not exist). */
    public File file(String name) {
        return new File(dir, name);
    }

    /**
     * Why the directory cannot be trusted ("the state directory is writable by others"), or null when
     * it can or does not exist yet.
     */
    public String trustProblem() {
        String problem = FileTrust.problem(dir, true);
        return problem == null ? null : "the state directory is " + problem;
    }

    /**
     * The text of a small file in the directory, or null when it does not exist.
     *
     * @throws RefusedFileException when the directory or the file is not the user's alone, or the file
     *     is not a regular file of at most {@link #SMALL_FILE_BYTES}
     */
    public String read(String name) throws IOException {
        return read(name, SMALL_FILE_BYTES);
    }

    /** {@link #read(String)} with a bound of its own. */
    public String read(String name, int maxBytes) throws IOException {
        File f = file(name);
        if (!f.exists()) {
            return null;
        }
        checkTrusted(f);
        return FileReads.text(f, maxBytes);
    }

    /** Throws when the directory, or {@code f} in it, is not the current user's alone. */
    public void checkTrusted(File f) throws RefusedFileException {
        String problem = trustProblem();
        if (problem != null) {
            throw new RefusedFileException(problem);
        }
        FileTrust.check(f, true, f.getName());
    }

    /** Creates the directory (0700) when it is missing; refuses one that is not the user's alone. */
    public void ensureExists() throws IOException {
        FileWrites.ensureDirectory(dir, true);
    }

    /**
     * Creates a directory inside the state directory 0700 when it is missing; an existing one must be a
     * real directory (not a link) that is the user's alone.
     */
    public static void ensureDirectory(File d) throws IOException {
        FileWrites.ensureDirectory(d, false);
    }

    /** Writes a file atomically, owner-only. */
    public void write(String name, String text) throws IOException {
        ensureExists();
        writeAtomically(file(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores {@code text} as {@code name} unless the file exists already, and returns what the file
     * holds afterwards: of several threads or processes racing to create it, one wins and all read the
     * winner's text.
     */
    public String writeOnce(String name, String text) throws IOException {
        ensureExists();
        File target = file(name);
        File staged = FileWrites.temporarySibling(target);
        try {
            try (OutputStream out = FileWrites.createNew(staged)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            FileWrites.publishOnce(staged, target);
        } finally {
            staged.delete();
        }
        return read(name);
    }

    /** Writes bytes to {@code target} through a temporary sibling and a rename; owner-only. */
    public static void writeAtomically(File target, byte[] bytes) throws IOException {
        FileWrites.writeAtomically(target, bytes);
    }

    /** A fresh hidden name beside {@code target} for writing it atomically (see {@link FileWrites}). */
    public static File temporarySibling(File target) {
        return FileWrites.temporarySibling(target);
    }

    /** Creates the file 0600 (it must not exist) and opens it for writing. */
    public static OutputStream createOwnerOnly(File f) throws IOException {
        return FileWrites.createNew(f);
    }

    /** Renames {@code tmp} over {@code target}. */
    public static void replace(File tmp, File target) throws IOException {
        FileWrites.replace(tmp, target);
    }

    /**
     * Deletes the caches: the agent's files in {@code cache/classes} and {@code cache} (woven classes,
     * weaver jars and their seals, the cache key), then the directories when empty; a directory that is a link or not the user's alone is left as it is.
     *
     * @return the number of files deleted
     * @throws RefusedFileException naming the directory that was left alone
     */
    public int deleteCaches() throws RefusedFileException {
        File cache = file(CACHE_DIR);
        String refusal = FileDeletes.refusal(cache, false);
        if (refusal != null) {
            throw new RefusedFileException(refusal);
        }
        int n = FileDeletes.deleteOwn(new File(cache, CLASSES_DIR), NONE, CACHE_ENDINGS);
        if (FileDeletes.delete(new File(cache, CACHE_KEY), false)) {
            n++;
        }
        return n + FileDeletes.deleteOwn(cache, CACHE_PREFIXES, CACHE_ENDINGS);
    }
}
