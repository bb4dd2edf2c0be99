package dev.telemetryagent.state;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Whether a file or directory of the state directory may be trusted, as {@code ssh} checks
 * {@code ~/.ssh}: it must belong to the current user and be writable by nobody else, since whatever
 * another user can write there could plant an id, forge consent or replace cached code. On a file
 * system without POSIX permissions (Windows, FAT) there is nothing to check and everything passes; the
 * directory's ACLs then decide, as {@code docs/PRIVACY.md} says.
 */
public final class FileTrust {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /**
     * The current user as the file system names owners: the owner of {@code /proc/self} (the process's
     * effective uid, right also in a container whose uid has no name); null where there is no
     * {@code /proc}, and then {@code user.name} is compared with the owner's name.
     */
    private static final UserPrincipal CURRENT_USER = POSIX ? currentUser() : null;

    private FileTrust() {
    }

    /** Whether the default file system has owners and POSIX modes to check. */
    public static boolean isPosix() {
        return POSIX;
    }

    /**
     * Why {@code f} cannot be trusted, or null when it can or does not exist.
     *
     * @param followLinks whether a link is judged by its target (the state directory itself, a state
     *     file kept in a dotfiles repository); otherwise a link is refused
     */
    public static String problem(File f, boolean followLinks) {
        if (!POSIX) {
            return null;
        }
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(f.toPath(), PosixFileAttributes.class, followLinks ? FOLLOW : NO_FOLLOW);
        } catch (IOException | RuntimeException e) {
            // Not catching NoSuchFileException by name keeps its class out of the startup path.
            return f.exists() ? "its owner cannot be read" : null;
        }
        if (a.isSymbolicLink()) {
            return "a link";
        }
        if (!a.isRegularFile() && !a.isDirectory()) {
            return "not a regular file";
        }
        if (CURRENT_USER != null ? !a.owner().equals(CURRENT_USER)
                : !a.owner().getName().equals(System.getProperty("user.name"))) {
            return "not owned by you";
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            return "writable by others";
        }
        return null;
    }

    private static UserPrincipal currentUser() {
        File self = new File("/proc/self");
        if (!self.isDirectory()) {
            return null;
        }
        try {
            return Files.readAttributes(self.toPath(), PosixFileAttributes.class).owner();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Throws when {@code f} exists and cannot be trusted; {@code what} names it in the message. */
    public static void check(File f, boolean followLinks, String what) throws RefusedFileException {
        String problem = problem(f, followLinks);
        if (problem != null) {
            throw new RefusedFileException(what + " is " + problem);
        }
    }

    /**
     * Whether no one but its owner may enter or list directory {@code d} (no group or other permission
     * bit at all): then what is created in it cannot be opened by anyone else, whatever its mode.
     */
    static boolean closedToOthers(File d) {
        if (!POSIX) {
            return false;
        }
        try {
            Set<PosixFilePermission> p = Files.readAttributes(d.toPath(), PosixFileAttributes.class).permissions();
            for (PosixFilePermission bit : p) {
                if (bit != PosixFilePermission.OWNER_READ && bit != PosixFilePermission.OWNER_WRITE
                        && bit != PosixFilePermission.OWNER_EXECUTE) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code f} is a directory itself, not a link to one. */
    public static boolean isRealDirectory(File f) {
        return Files.isDirectory(f.toPath(), NO_FOLLOW);
    }
}
