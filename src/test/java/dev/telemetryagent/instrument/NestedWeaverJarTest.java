package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.Crc32Forgery;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules for the extracted nested weaver jar: one per build, verified before it is trusted. */
class NestedWeaverJarTest {
    @TempDir
    Path tmp;

    /** An agent jar holding {@code nested} as its weaver entry, beside an ordinary class entry. */
    static File agentJar(Path at, byte[] nested) throws IOException {
        try (OutputStream raw = Files.newOutputStream(at); JarOutputStream out = new JarOutputStream(raw)) {
            out.putNextEntry(new JarEntry("dev/telemetryagent/TelemetryAgent.class"));
            out.write(new byte[] {(byte) 0xca, (byte) 0xfe});
            out.closeEntry();
            out.putNextEntry(new JarEntry(NestedWeaverJar.ENTRY));
            out.write(nested);
            out.closeEntry();
            recordSha256(out, nested);
        }
        return at.toFile();
    }

    /** The digest entry the build writes beside the nested jar. */
    static void recordSha256(JarOutputStream out, byte[] nested) throws IOException {
        out.putNextEntry(new JarEntry(NestedWeaverJar.SHA256_ENTRY));
        out.write(dev.telemetryagent.event.RandomIds.hex(dev.telemetryagent.event.HmacSha256.sha256(nested))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.closeEntry();
    }

    private static byte[] content(int seed) {
        byte[] b = new byte[200_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private File extract(File agentJar) throws IOException {
        try (JarFile jar = new JarFile(agentJar)) {
            return NestedWeaverJar.extract(jar, jar.getJarEntry(NestedWeaverJar.ENTRY), cacheDir());
        }
    }

    private File cacheDir() {
        return tmp.resolve("state/cache").toFile();
    }

    /** The cache's files but for the cache key and the extracted files' seals. */
    private List<String> cacheFiles() {
        String[] names = cacheDir().list();
        List<String> list = new ArrayList<>();
        for (String n : names == null ? new String[0] : names) {
            if (!n.equals(CacheKey.FILE) && !n.startsWith("seal-")) {
                list.add(n);
            }
        }
        list.sort(null);
        return list;
    }

    private File sealOf(File jar) {
        return new File(jar.getParentFile(), "seal-" + jar.getName().replace(".jar", ""));
    }

    private static Object fileKey(File f) throws IOException {
        return Files.readAttributes(f.toPath(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    @Test
    void theEntryIsExtractedOwnerOnlyUnderANameOfItsChecksumAndSize() throws IOException {
        byte[] nested = content(1);
        File f = extract(agentJar(tmp.resolve("agent.jar"), nested));
        CRC32 crc = new CRC32();
        crc.update(nested);
        assertEquals("weaver-" + Long.toHexString(crc.getValue()) + "-" + Long.toHexString(nested.length) + ".jar",
                f.getName());
        assertEquals(cacheDir(), f.getParentFile());
        assertArrayEquals(nested, Files.readAllBytes(f.toPath()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.toPath())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir().toPath())));
        assertEquals(List.of(f.getName()), cacheFiles(), "no temporary file left behind");
    }

    @Test
    void aMatchingFileIsReusedWithoutWritingIt() throws IOException {
        File agent = agentJar(tmp.resolve("agent.jar"), content(2));
        File first = extract(agent);
        Object key = fileKey(first);
        File second = extract(agent);
        assertEquals(first, second);
        assertEquals(key, fileKey(second), "the same file, not a replaced one");
    }

    @Test
    void aCorruptOrTruncatedFileIsExtractedAgain() throws IOException {
        byte[] nested = content(3);
        File agent = agentJar(tmp.resolve("agent.jar"), nested);
        File f = extract(agent);

        byte[] flipped = nested.clone();
        flipped[1000] ^= 0x40;
        Files.write(f.toPath(), flipped);
        Object corruptKey = fileKey(f);
        assertEquals(f, extract(agent));
        assertArrayEquals(nested, Files.readAllBytes(f.toPath()), "same size, other bytes: not trusted");
        assertNotEquals(corruptKey, fileKey(f));

        Files.write(f.toPath(), Arrays.copyOf(nested, nested.length / 2));
        extract(agent);
        assertArrayEquals(nested, Files.readAllBytes(f.toPath()), "truncated: not trusted");
    }

    @Test
    void writingOneBuildsFileRemovesTheOtherBuildsFiles() throws IOException {
        File oldBuild = extract(agentJar(tmp.resolve("old.jar"), content(4)));
        Files.createDirectories(cacheDir().toPath().resolve("classes"));
        Files.write(cacheDir().toPath().resolve("unrelated.bin"), new byte[] {1});
        Path abandoned = cacheDir().toPath().resolve(".weaver-1-2.jar.tmp-dead");
        Files.write(abandoned, new byte[] {1});
        abandoned.toFile().setLastModified(System.currentTimeMillis() - 3_600_000L);
        Path inProgress = cacheDir().toPath().resolve(".weaver-3-4.jar.tmp-busy");
        Files.write(inProgress, new byte[] {1});

        File newBuild = extract(agentJar(tmp.resolve("new.jar"), content(5)));
        assertNotEquals(oldBuild.getName(), newBuild.getName());
        assertFalse(oldBuild.exists(), "the other build's file is removed");
        assertFalse(sealOf(oldBuild).exists(), "and its seal");
        assertTrue(sealOf(newBuild).exists());
        assertFalse(Files.exists(abandoned), "a temporary file from a run that died long ago is removed");
        assertEquals(List.of(inProgress.getFileName().toString(), "classes", "unrelated.bin", newBuild.getName()),
                cacheFiles(), "a concurrent writer's fresh temporary file and everything else stay");
    }

    @Test
    void concurrentFirstRunsEachGetAWholeFile() throws Exception {
        byte[] nested = content(6);
        File agent = agentJar(tmp.resolve("agent.jar"), nested);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<File>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit((Callable<File>) () -> extract(agent)));
            }
            for (Future<File> r : results) {
                assertArrayEquals(nested, Files.readAllBytes(r.get().toPath()));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, cacheFiles().size(), "one file, no temporary ones: " + cacheFiles());
    }

    @Test
    void anEntryWhoseBytesDoNotMatchItsChecksumIsNeverExtracted() throws IOException {
        byte[] nested = content(7);
        Path agent = tmp.resolve("agent.jar");
        try (OutputStream raw = Files.newOutputStream(agent); JarOutputStream out = new JarOutputStream(raw)) {
            JarEntry stored = new JarEntry(NestedWeaverJar.ENTRY);
            stored.setMethod(JarEntry.STORED);
            stored.setSize(nested.length);
            CRC32 crc = new CRC32();
            crc.update(nested);
            stored.setCrc(crc.getValue());
            out.putNextEntry(stored);
            out.write(nested);
            out.closeEntry();
            recordSha256(out, nested);
        }
        // Flip one byte of the stored data in place: the central directory still names the old CRC-32.
        byte[] raw = Files.readAllBytes(agent);
        int at = indexOf(raw, Arrays.copyOfRange(nested, 0, 64));
        assertTrue(at > 0);
        raw[at + 5000] ^= 0x01;
        Files.write(agent, raw);
        assertThrows(IOException.class, () -> extract(agent.toFile()));
        assertEquals(List.of(), cacheFiles());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aTamperedFileWithTheRightSizeAndCrc32IsExtractedAgain() throws IOException {
        byte[] nested = content(8);
        File agent = agentJar(tmp.resolve("agent.jar"), nested);
        File f = extract(agent);
        byte[] forged = Crc32Forgery.sameCrc32(nested, 100);
        CRC32 a = new CRC32();
        a.update(nested);
        CRC32 b = new CRC32();
        b.update(forged);
        assertEquals(a.getValue(), b.getValue());
        assertFalse(Arrays.equals(nested, forged));
        long sealedAt = f.lastModified();
        Files.write(f.toPath(), forged);
        // A write moves the modification time the seal covers; the kernel's clock ticks every few ms, so a
        // write this soon after the extraction could keep it, which the owner alone could do anyway.
        assertTrue(f.setLastModified(sealedAt + 2000));
        assertEquals(f, extract(agent));
        assertArrayEquals(nested, Files.readAllBytes(f.toPath()));
    }

    @Test
    void anAgentJarWithoutARecordedDigestExtractsNothing() throws IOException {
        Path agent = tmp.resolve("agent.jar");
        try (OutputStream raw = Files.newOutputStream(agent); JarOutputStream out = new JarOutputStream(raw)) {
            out.putNextEntry(new JarEntry(NestedWeaverJar.ENTRY));
            out.write(content(9));
            out.closeEntry();
        }
        assertThrows(IOException.class, () -> extract(agent.toFile()));
        assertEquals(List.of(), cacheFiles());
    }

    @Test
    void aSealIsTrustedOnlyUnderThisUsersKey() throws IOException {
        byte[] nested = content(10);
        File agent = agentJar(tmp.resolve("agent.jar"), nested);
        File f = extract(agent);
        long at = f.lastModified();
        byte[] forged = Crc32Forgery.sameCrc32(nested, 100);
        Files.write(f.toPath(), forged);
        assertTrue(f.setLastModified(at));
        // The seal no longer matches only if someone who is not the owner made it: here, a seal of random bytes.
        byte[] random = new byte[32];
        new java.util.Random(3).nextBytes(random);
        Files.write(sealOf(f).toPath(), random);
        assertEquals(f, extract(agent));
        assertArrayEquals(nested, Files.readAllBytes(f.toPath()), "a forged seal was trusted");
    }

    @Test
    void aSealedFileIsReusedAndAChangedOneIsVerifiedInFull() throws IOException {
        byte[] nested = content(11);
        File agent = agentJar(tmp.resolve("agent.jar"), nested);
        File f = extract(agent);
        assertTrue(sealOf(f).isFile());
        Object key = fileKey(f);
        assertEquals(f, extract(agent));
        assertEquals(key, fileKey(f));
        Files.write(f.toPath(), Crc32Forgery.sameCrc32(nested, 100));
        assertTrue(f.setLastModified(f.lastModified() + 5_000), "a later modification time");
        extract(agent);
        assertArrayEquals(nested, Files.readAllBytes(f.toPath()));
    }
}
