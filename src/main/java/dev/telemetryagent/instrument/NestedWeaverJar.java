package dev.telemetryagent.instrument;

import dev.telemetryagent.AgentClassLoader;
import dev.telemetryagent.event.HmacSha256;
import dev.telemetryagent.state.FileDeletes;
import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * The weaver's own jar (the weaving classes and the relocated Byte Buddy), which the agent jar carries as
 * the single entry {@value #ENTRY} so that every JVM the agent starts in reads a small central directory.
 * Before it can be loaded it is extracted once per agent build to {@code <state_dir>/cache}, named after
 * the entry's CRC-32 and size. A file there is trusted only when its SHA-256 is the one the build
 * recorded in the agent jar ({@value #SHA256_ENTRY}): a CRC-32 anyone can match, so a file planted or
 * changed by anyone else is never loaded. Anything else is extracted afresh from the agent jar (whose
 * bytes need only the entry's CRC-32, against damage) into an owner-only file, atomically (a temporary
 * sibling and a rename), so concurrent first runs each end up with a whole file; an agent jar without a
 * recorded digest weaves nothing. A verified or freshly extracted file is sealed under the user's cache
 * key ({@link #sealed}), so later runs need not hash it whole. Writing a new build's file removes the
 * other builds' files (and their seals). The verified file is then opened by a class loader of its own.
 */
final class NestedWeaverJar {
    /** The entry in the agent jar. */
    static final String ENTRY = "META-INF/telemetry-agent/weaver.jar";
    /** The entry's SHA-256 in hex, written beside it when the agent jar is packaged. */
    static final String SHA256_ENTRY = "META-INF/telemetry-agent/weaver.sha256";
    private static final String PREFIX = "weaver-";
    private static final String SUFFIX = ".jar";
    /** Beside the extracted file, named after it: see {@link #sealed}. */
    private static final String SEAL_PREFIX = "seal-";
    /** Far above the real size (a few MB): a bound on what is written to disk. */
    private static final long MAX_SIZE = 64L << 20;
    /** A temporary file this old was left behind by a run that died while writing it. */
    private static final long ABANDONED_MILLIS = 10L * 60 * 1000;

    private NestedWeaverJar() {
    }

    /**
     * A class loader over the extracted entry, child of {@code parent} (the agent's loader, which has the
     * {@link Weaver} interface and everything else the weaving classes use), that loads the entry's own
     * classes itself ({@link AgentClassLoader}: its parent is never searched for Byte Buddy's 500-odd
     * classes; the entry's own entries are stored, so a class is read with no inflater). It stays open for
     * the run.
     */
    static ClassLoader open(JarFile agentJar, JarEntry entry, File cacheDir, ClassLoader parent)
            throws IOException {
        File jar = extract(agentJar, entry, cacheDir);
        // The code source only names the file, in -Xlog:class+load and stack traces; it grants nothing.
        ProtectionDomain domain = new ProtectionDomain(new CodeSource(jar.toURI().toURL(), (Certificate[]) null),
                null);
        return new AgentClassLoader("telemetry-agent-weaver", jar, domain, parent);
    }

    /**
     * The verified file holding the entry's bytes, extracted when it is missing or does not match.
     *
     * @param agentJar the open agent jar
     * @param entry its {@value #ENTRY} entry
     * @param cacheDir {@code <state_dir>/cache}
     */
    static File extract(JarFile agentJar, JarEntry entry, File cacheDir) throws IOException {
        long size = entry.getSize();
        long crc = entry.getCrc();
        if (size < 0 || size > MAX_SIZE || crc < 0) {
            throw new IOException("nested weaver jar has no usable size or checksum");
        }
        byte[] sha = recordedSha256(agentJar);
        File target = new File(cacheDir, fileName(size, crc));
        HmacSha256 key = new HmacSha256(CacheKey.readOrCreate(cacheDir));
        if (sealed(target, size, crc, sha, key)) {
            return target;
        }
        if (matches(target, size, sha)) {
            seal(target, sha, key);
            return target;
        }
        // Streamed, never held whole in memory: a first run's peak footprint stays as it was.
        StateDirectory.ensureDirectory(cacheDir);
        File tmp = StateDirectory.temporarySibling(target);
        try {
            // The bytes come from the agent jar itself, which is as trusted as this code: the CRC-32 only
            // catches damage, and the seal below then vouches for the file. Hashing it here with SHA-256
            // cost a first run 40 ms (docs/PERFORMANCE.md).
            CRC32 actual = new CRC32();
            long n = 0;
            try (InputStream in = agentJar.getInputStream(entry);
                    OutputStream out = StateDirectory.createOwnerOnly(tmp)) {
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = in.read(buf)) > 0) {
                    n += r;
                    if (n > size) {
                        break;
                    }
                    actual.update(buf, 0, r);
                    out.write(buf, 0, r);
                }
            }
            if (n != size) {
                throw new IOException("nested weaver jar is not as long as its entry says");
            }
            if (actual.getValue() != crc) {
                throw new IOException("nested weaver jar does not match its entry's CRC-32");
            }
            StateDirectory.replace(tmp, target);
        } finally {
            if (tmp.exists()) {
                FileDeletes.delete(tmp, false);
            }
        }
        seal(target, sha, key);
        removeOtherBuilds(cacheDir, target.getName());
        return target;
    }

    /**
     * Whether the file is the one this user's agent verified last time: its seal, an HMAC under the
     * user's {@link CacheKey} of its name, length, modification time and recorded SHA-256, matches, and
     * its CRC-32 still does (which catches damage, not tampering). Only the file's owner can give
     * changed content its old modification time, and a file of anyone else is not trusted at all, so a
     * run that weaves need not hash the whole jar again (a few hundred milliseconds on a loaded machine).
     */
    private static boolean sealed(File jar, long size, long crc, byte[] sha, HmacSha256 key) {
        File seal = sealOf(jar);
        if (!jar.isFile() || jar.length() != size || !seal.isFile() || seal.length() != 32) {
            return false;
        }
        try {
            byte[] stored = FileReads.bytes(seal, 32);
            if (stored == null || stored.length != 32 || !HmacSha256.same(stored, sealFor(jar, sha, key))) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        CRC32 actual = new CRC32();
        return readWhole(jar, size, actual, null) && actual.getValue() == crc;
    }

    /** Records that the file, as it is now, was verified against its recorded SHA-256. */
    private static void seal(File jar, byte[] sha, HmacSha256 key) {
        try {
            StateDirectory.writeAtomically(sealOf(jar), sealFor(jar, sha, key));
        } catch (IOException e) {
            // Without a seal the next run that weaves verifies the whole file again.
        }
    }

    private static byte[] sealFor(File jar, byte[] sha, HmacSha256 key) {
        byte[] what = (jar.getName() + "|" + jar.length() + "|" + jar.lastModified() + "|")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return key.mac(what, 0, what.length, sha, 0, sha.length);
    }

    private static File sealOf(File jar) {
        String name = jar.getName();
        return new File(jar.getParentFile(), SEAL_PREFIX + name.substring(0, name.length() - SUFFIX.length()));
    }

    /** The file name for an entry of this size and CRC-32: one per agent build. */
    static String fileName(long size, long crc) {
        return PREFIX + Long.toHexString(crc) + "-" + Long.toHexString(size) + SUFFIX;
    }

    /** The SHA-256 the build recorded for the nested jar. */
    private static byte[] recordedSha256(JarFile agentJar) throws IOException {
        JarEntry e = agentJar.getJarEntry(SHA256_ENTRY);
        if (e == null) {
            throw new IOException("the agent jar records no SHA-256 for its nested weaver jar");
        }
        byte[] hex = new byte[64];
        int n = 0;
        try (InputStream in = agentJar.getInputStream(e)) {
            int r;
            while (n < hex.length && (r = in.read(hex, n, hex.length - n)) > 0) {
                n += r;
            }
        }
        byte[] sha = new byte[32];
        for (int i = 0; i < 32 && n == hex.length; i++) {
            int hi = Character.digit(hex[2 * i], 16);
            int lo = Character.digit(hex[2 * i + 1], 16);
            if (hi < 0 || lo < 0) {
                n = -1;
                break;
            }
            sha[i] = (byte) (hi << 4 | lo);
        }
        if (n != hex.length) {
            throw new IOException("the nested weaver jar's recorded SHA-256 is unreadable");
        }
        return sha;
    }

    /** Whether the file holds exactly the entry's bytes: its size and SHA-256 are the recorded ones. */
    private static boolean matches(File f, long size, byte[] sha) {
        if (!f.isFile() || f.length() != size) {
            return false;
        }
        HmacSha256.Digest actual = new HmacSha256.Digest();
        return readWhole(f, size, null, actual) && HmacSha256.same(actual.finish(), sha);
    }

    /**
     * Streams the file through the CRC-32 or the SHA-256 given (never held whole in memory).
     *
     * @return whether it was read and is exactly {@code size} bytes long
     */
    private static boolean readWhole(File f, long size, CRC32 crc, HmacSha256.Digest sha) {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = FileReads.open(f)) {
            int r;
            while (total <= size && (r = in.read(buf)) > 0) {
                if (crc != null) {
                    crc.update(buf, 0, r);
                } else {
                    sha.update(buf, 0, r);
                }
                total += r;
            }
        } catch (IOException e) {
            return false;
        }
        return total == size;
    }

    /**
     * Keeps one build's file: the others (older or newer agents) go, and so do temporary files that a
     * run which died mid-write left behind. A run of another build that still has its file open keeps
     * reading it (POSIX); at worst that run extracts its own again next time.
     */
    private static void removeOtherBuilds(File cacheDir, String keep) {
        File[] files = cacheDir.listFiles();
        if (files == null) {
            return;
        }
        long abandoned = System.currentTimeMillis() - ABANDONED_MILLIS;
        for (File f : files) {
            String name = f.getName();
            boolean otherBuild = name.startsWith(PREFIX) && name.endsWith(SUFFIX) && !name.equals(keep)
                    || name.startsWith(SEAL_PREFIX + PREFIX) && !name.equals(sealOf(new File(keep)).getName());
            boolean leftover = name.startsWith("." + PREFIX) && f.lastModified() < abandoned;
            if (otherBuild || leftover) {
                FileDeletes.delete(f, false);
            }
        }
    }
}
