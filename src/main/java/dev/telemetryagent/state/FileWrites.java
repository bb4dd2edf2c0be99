package dev.telemetryagent.state;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The agent's only way to create and write files: directories are created 0700 and files 0600 with
 * their mode from the first instant (the permission is an attribute of the creating call; or, in a
 * directory no one else may enter, a {@code chmod} right after an exclusive create, which no one else can
 * race), and files are replaced atomically through a
 * temporary sibling and a rename. Without POSIX permissions the owner-only bits of {@code java.io.File}
 * are set right after creation.
 */
public final class FileWrites {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE = FileTrust.isPosix()
            ? PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE) : null;
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE = FileTrust.isPosix()
            ? PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)) : null;

    /** What every temporary sibling's name holds, so cleanup knows them as the agent's. */
    static final String TEMPORARY_MARK = ".tmp-";

    private FileWrites() {
    }

    /**
     * Makes sure {@code d} is a directory the agent may use: missing directories (parents included)
     * are created 0700; an existing one must be the current user's and writable by nobody else.
     *
     * @param followLink whether {@code d} may be a link to such a directory (the state directory itself);
     *     directories inside it must be real directories
     */
    public static void ensureDirectory(File d, boolean followLink) throws IOException {
        if (!d.exists()) {
            create(d);
        }
        if (!d.isDirectory()) {
            throw new RefusedFileException(d.getName() + " is not a directory");
        }
        if (!followLink && !FileTrust.isRealDirectory(d)) {
            throw new RefusedFileException(d.getName() + " is a link");
        }
        FileTrust.check(d, true, d.getName());
    }

    private static void create(File d) throws IOException {
        if (DIRECTORY_MODE == null) {
            if (!d.mkdirs() && !d.isDirectory()) {
                throw new IOException("cannot create " + d.getName());
            }
            ownerOnly(d, true);
            return;
        }
        try {
            Files.createDirectories(d.toPath(), DIRECTORY_MODE);
        } catch (FileAlreadyExistsException raced) {
            // another run created it (or a file of that name exists): the caller's checks decide
        }
    }

    /** Creates {@code f}, which must not exist yet, owner-only, and opens it for writing. */
    public static OutputStream createNew(File f) throws IOException {
        if (FILE_MODE == null) {
            if (!f.createNewFile()) {
                throw new FileAlreadyExistsException(f.getName());
            }
            ownerOnly(f, false);
            return new FileOutputStream(f);
        }
        File parent = f.getAbsoluteFile().getParentFile();
        if (parent != null && FileTrust.closedToOthers(parent)) {
            // No one else can reach into the directory, so the moment between the exclusive create (with
            // the umask's mode) and the chmod exposes nothing, and the run's exit loads none of NIO's
            // channel classes, which Files.createFile would (3 ms of a warm run, docs/PERFORMANCE.md).
            if (!f.createNewFile()) {
                throw new FileAlreadyExistsException(f.getName());
            }
            Files.setPosixFilePermissions(f.toPath(), OWNER_READ_WRITE);
            return new FileOutputStream(f);
        }
        Files.createFile(f.toPath(), FILE_MODE);
        return new FileOutputStream(f);
    }

    /**
     * Opens (creating it 0600 when missing) a file used only to hold a lock on; an existing one must be
     * the current user's, a regular file and not writable by others.
     */
    public static FileChannel openLockFile(File f) throws IOException {
        FileTrust.check(f, false, f.getName());
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.CREATE);
        options.add(StandardOpenOption.READ);
        options.add(StandardOpenOption.WRITE);
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (FILE_MODE == null) {
            return FileChannel.open(f.toPath(), options);
        }
        return FileChannel.open(f.toPath(), options, FILE_MODE);
    }

    /**
     * Opens {@code f} for appending, creating it 0600 when missing; an existing one must be a regular
     * file (a FIFO would block the writer) of the current user's that nobody else can write, and is never
     * reached through a link (that would write elsewhere).
     */
    public static OutputStream openAppend(File f) throws IOException {
        FileTrust.check(f, false, f.getName());
        if (f.exists() && !Files.isRegularFile(f.toPath(), LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedFileException(f.getName() + " is not a regular file");
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.CREATE);
        options.add(StandardOpenOption.WRITE);
        options.add(StandardOpenOption.APPEND);
        options.add(LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = FILE_MODE == null ? FileChannel.open(f.toPath(), options)
                : FileChannel.open(f.toPath(), options, FILE_MODE);
        return Channels.newOutputStream(channel);
    }

    /** Writes bytes to {@code target} through a fresh owner-only temporary sibling and a rename. */
    public static void writeAtomically(File target, byte[] bytes) throws IOException {
        File tmp = temporarySibling(target);
        try {
            try (OutputStream out = createNew(tmp)) {
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
     * Writes bytes to {@code target} unless it exists: a fresh owner-only temporary sibling, then
     * {@link #publishOnce}, so of several runs racing to create it exactly one wins.
     *
     * @return whether this call created it
     */
    public static boolean writeOnce(File target, byte[] bytes) throws IOException {
        File staged = temporarySibling(target);
        try {
            try (OutputStream out = createNew(staged)) {
                out.write(bytes);
            }
            return publishOnce(staged, target);
        } finally {
            if (staged.exists()) {
                staged.delete();
            }
        }
    }

    /**
     * A fresh hidden name beside {@code target} for writing it atomically: write there (with
     * {@link #createNew}), then {@link #replace} the target with it, and delete it if anything failed.
     */
    public static File temporarySibling(File target) {
        File parent = target.getAbsoluteFile().getParentFile();
        return new File(parent, "." + target.getName() + TEMPORARY_MARK + Long.toHexString(System.nanoTime())
                + "-" + Long.toHexString(Thread.currentThread().getId()));
    }

    /**
     * Renames {@code tmp} over {@code target}; a link at {@code target} is replaced, never followed.
     */
    public static void replace(File tmp, File target) throws IOException {
        if (!tmp.renameTo(target)) {
            // Windows cannot rename over an existing file.
            if (!target.delete() || !tmp.renameTo(target)) {
                throw new IOException("cannot replace " + target.getName());
            }
        }
    }

    /**
     * Publishes {@code staged} (a complete file of the agent's) as {@code target} unless {@code target}
     * exists: a hard link fails when the name is taken, so of several runs racing exactly one wins.
     *
     * @return whether this call published it
     */
    public static boolean publishOnce(File staged, File target) throws IOException {
        try {
            Files.createLink(target.toPath(), staged.toPath());
            return true;
        } catch (FileAlreadyExistsException lost) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // A file system without hard links: publish by rename when still absent (a narrow race
            // remains there; callers re-read and converge on the file's content).
            if (target.exists()) {
                return false;
            }
            if (!staged.renameTo(target)) {
                throw new IOException("cannot publish " + target.getName());
            }
            return true;
        }
    }

    /** Restricts a file or directory to its owner (rw, plus x for directories); for file systems without POSIX modes. */
    private static void ownerOnly(File f, boolean directory) {
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
