package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule under which a cached weave must not be trusted. */
class WovenClassCacheTest {
    private static final String NAME = "com/acme/Pipeline";
    private static final byte[] ORIGINAL = "original class bytes".getBytes();
    private static final byte[] WOVEN = "woven class bytes".getBytes();

    @TempDir
    Path state;

    private WovenClassCache cache(String key) {
        return new WovenClassCache(state.toString(), key);
    }

    private File onlyEntry() {
        File[] files = state.resolve("cache/classes").toFile().listFiles();
        assertEquals(1, files.length);
        return files[0];
    }

    @Test
    void aStoredWeaveIsReturnedForTheSameClassKeyAndBytes() {
        cache("plan|agent-1|jvm").put(NAME, ORIGINAL, WOVEN);
        assertArrayEquals(WOVEN, cache("plan|agent-1|jvm").get(NAME, ORIGINAL));
    }

    @Test
    void aClassLeftUnchangedIsRememberedAsSuch() {
        cache("k").put(NAME, ORIGINAL, null);
        byte[] hit = cache("k").get(NAME, ORIGINAL);
        assertTrue(WovenClassCache.isUnchanged(hit));
    }

    @Test
    void aChangedClassIsAMiss() {
        cache("k").put(NAME, ORIGINAL, WOVEN);
        assertNull(cache("k").get(NAME, "original class bytez".getBytes()));
    }

    @Test
    void aChangedConfigurationOrAgentBuildIsAMiss() {
        cache("plan-a|agent-1|jvm").put(NAME, ORIGINAL, WOVEN);
        assertNull(cache("plan-b|agent-1|jvm").get(NAME, ORIGINAL), "other instrumentation plan");
        assertNull(cache("plan-a|agent-2|jvm").get(NAME, ORIGINAL), "other agent build");
        assertNull(cache("plan-a|agent-1|jvm2").get(NAME, ORIGINAL), "other JVM");
    }

    @Test
    void anEntryWhoseKeyWasTamperedIsAMissEvenUnderTheSameFileName() throws IOException {
        cache("k1").put(NAME, ORIGINAL, WOVEN);
        File entry = onlyEntry();
        cache("k2").put(NAME, ORIGINAL, WOVEN);
        File[] files = state.resolve("cache/classes").toFile().listFiles();
        assertEquals(2, files.length);
        byte[] k2 = Files.readAllBytes(files[0].equals(entry) ? files[1].toPath() : files[0].toPath());
        Files.write(entry.toPath(), k2);
        assertNull(cache("k1").get(NAME, ORIGINAL));
    }

    @Test
    void aCorruptedEntryIsAMissAndIsRewrittenByTheNextWeave() throws IOException {
        cache("k").put(NAME, ORIGINAL, WOVEN);
        File entry = onlyEntry();
        try (RandomAccessFile raf = new RandomAccessFile(entry, "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x55);
        }
        assertNull(cache("k").get(NAME, ORIGINAL));
        cache("k").put(NAME, ORIGINAL, WOVEN);
        assertArrayEquals(WOVEN, cache("k").get(NAME, ORIGINAL));
    }

    @Test
    void aTruncatedOrEmptyEntryIsAMiss() throws IOException {
        cache("k").put(NAME, ORIGINAL, WOVEN);
        File entry = onlyEntry();
        byte[] all = Files.readAllBytes(entry.toPath());
        Files.write(entry.toPath(), java.util.Arrays.copyOf(all, all.length - 3));
        assertNull(cache("k").get(NAME, ORIGINAL));
        Files.write(entry.toPath(), new byte[0]);
        assertNull(cache("k").get(NAME, ORIGINAL));
    }

    @Test
    void anUnwritableCacheOnlyCostsAFreshWeave() throws IOException {
        Files.writeString(state.resolve("cache"), "a file where the directory should be");
        cache("k").put(NAME, ORIGINAL, WOVEN);
        assertNull(cache("k").get(NAME, ORIGINAL));
    }

    @Test
    void anEntryMadeUnderAnotherUsersKeyIsAMissAndIsRewoven(@TempDir Path otherUser) throws IOException {
        new WovenClassCache(otherUser.toString(), "k").put(NAME, ORIGINAL, "someone else's class".getBytes());
        cache("k").put(NAME, ORIGINAL, WOVEN);
        File entry = onlyEntry();
        File[] theirs = otherUser.resolve("cache/classes").toFile().listFiles();
        assertEquals(entry.getName(), theirs[0].getName(), "the same file name: names carry no secret");
        Files.copy(theirs[0].toPath(), entry.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertNull(cache("k").get(NAME, ORIGINAL));
    }

    @Test
    void aForgedEntryWithEveryChecksumRightButNoKeyIsAMiss() throws IOException {
        cache("k").put(NAME, ORIGINAL, WOVEN);
        File entry = onlyEntry();
        byte[] all = Files.readAllBytes(entry.toPath());
        byte[] random = new byte[WOVEN.length];
        new java.util.Random(7).nextBytes(random);
        // The woven section replaced by random bytes of the same length, a tag recomputed without the key.
        System.arraycopy(random, 0, all, all.length - 32 - WOVEN.length, WOVEN.length);
        byte[] guess = dev.telemetryagent.event.HmacSha256.sha256(java.util.Arrays.copyOf(all, all.length - 32));
        System.arraycopy(guess, 0, all, all.length - 32, 32);
        Files.write(entry.toPath(), all);
        assertNull(cache("k").get(NAME, ORIGINAL));
    }

    @Test
    void withoutItsKeyNoEntryIsTrusted() throws IOException {
        cache("k").put(NAME, ORIGINAL, WOVEN);
        Files.delete(state.resolve("cache").resolve(CacheKey.FILE));
        assertNull(cache("k").get(NAME, ORIGINAL));
        Files.write(state.resolve("cache").resolve(CacheKey.FILE), new byte[CacheKey.LENGTH]);
        assertNull(cache("k").get(NAME, ORIGINAL), "another key of the right length");
    }

    @Test
    void theKeyIsOwnerOnly() throws IOException {
        cache("k").put(NAME, ORIGINAL, WOVEN);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state.resolve("cache").resolve(CacheKey.FILE))));
    }

    @Test
    void aKeyOthersCouldWriteIsNoKeyAndIsReplacedAtTheNextWrite() throws IOException {
        cache("k").put(NAME, ORIGINAL, WOVEN);
        Path key = state.resolve("cache").resolve(CacheKey.FILE);
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        assertNull(cache("k").get(NAME, ORIGINAL));
        cache("k").put(NAME, ORIGINAL, WOVEN);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)));
        assertArrayEquals(WOVEN, cache("k").get(NAME, ORIGINAL));
    }

    @Test
    void aWovenClassIsStoredAsARecipeOverItsOriginalAndReturnedExactly() throws IOException {
        java.util.Random r = new java.util.Random(5);
        byte[] original = new byte[50_000];
        r.nextBytes(original);
        java.io.ByteArrayOutputStream woven = new java.io.ByteArrayOutputStream();
        woven.write(original, 0, 9);
        woven.write(new byte[] {1, 2, 3});
        woven.write(original, 9, 20_000);
        byte[] added = new byte[700];
        r.nextBytes(added);
        woven.write(added);
        woven.write(original, 25_000, 25_000);
        woven.write(original, 100, 10);
        byte[] expected = woven.toByteArray();
        cache("k").put(NAME, original, expected);
        assertArrayEquals(expected, cache("k").get(NAME, original));
        assertTrue(onlyEntry().length() < original.length + 2_000, "only what weaving added is stored: "
                + onlyEntry().length());
    }
}
