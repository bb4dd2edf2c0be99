package dev.telemetryagent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void writeOnceGivesEveryRacingThreadTheWinnersText() throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state").toString());
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String mine = "candidate-" + i + "\n";
                results.add(pool.submit(() -> {
                    start.await();
                    return state.writeOnce("anonymous_id", mine);
                }));
            }
            Set<String> seen = new HashSet<>();
            for (Future<String> f : results) {
                seen.add(f.get());
            }
            assertEquals(1, seen.size(), seen.toString());
            assertEquals(seen.iterator().next(), Files.readString(dir.resolve("state/anonymous_id")));
        } finally {
            pool.shutdownNow();
        }
        try (var names = Files.list(dir.resolve("state"))) {
            assertEquals(1, names.count(), "no staged file left");
        }
    }

    @Test
    void readRefusesAnUntrustedDirectoryOrFile() throws Exception {
        Path d = Files.createDirectory(dir.resolve("state"));
        StateDirectory state = new StateDirectory(d.toString());
        Path id = Files.writeString(d.resolve("anonymous_id"), "planted\n");
        assertEquals("planted\n", state.read("anonymous_id"));
        Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals("anonymous_id is writable by others",
                assertThrows(RefusedFileException.class, () -> state.read("anonymous_id")).getMessage());
        Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals("the state directory is writable by others",
                assertThrows(RefusedFileException.class, () -> state.read("anonymous_id")).getMessage());
        assertThrows(RefusedFileException.class, () -> state.write("anonymous_id", "x"));
        assertNull(new StateDirectory(dir.resolve("fresh").toString()).read("anonymous_id"));
    }

    @Test
    void homeRootAndTemporaryDirectoriesAreUnsuitable() {
        String home = dir.toString();
        assertEquals("must not be the home directory itself", StateDirectory.unsuitable(home, home));
        assertEquals("must not be the home directory itself", StateDirectory.unsuitable(home + "/", home));
        assertEquals("must not be the home directory itself", StateDirectory.unsuitable(home + "/x/..", home));
        assertEquals("must not be / itself", StateDirectory.unsuitable("/", home));
        assertEquals("must not be / itself", StateDirectory.unsuitable("//", home));
        for (String tmp : new String[] {"/tmp", "/tmp/", "/var/tmp", System.getProperty("java.io.tmpdir")}) {
            assertEquals("must not be a temporary directory itself", StateDirectory.unsuitable(tmp, home), tmp);
        }
        assertNull(StateDirectory.unsuitable(home + "/.acme", home));
        assertNull(StateDirectory.unsuitable("/tmp/acme-state", home));
    }

    @Test
    void disableDeletesTheCachesButNotThroughALink() throws Exception {
        Path d = Files.createDirectory(dir.resolve("state"));
        StateDirectory state = new StateDirectory(d.toString());
        Path classes = Files.createDirectories(d.resolve("cache/classes"));
        Files.writeString(classes.resolve("Main-1-2.bin"), "woven");
        Files.writeString(d.resolve("cache/weaver-1.jar"), "jar");
        Files.writeString(d.resolve("cache/README"), "the tool's");
        assertEquals(2, state.deleteCaches());
        assertTrue(Files.exists(d.resolve("cache/README")));
        assertTrue(Files.notExists(classes));

        Files.writeString(d.resolve("cache/key"), "k");
        Files.writeString(d.resolve("cache/seal-weaver-1-2"), "seal");
        Files.writeString(d.resolve("cache/monkey"), "the tool's");
        assertEquals(2, state.deleteCaches(), "the cache key and the weaver jar's seal are the agent's too");
        assertTrue(Files.exists(d.resolve("cache/monkey")));
        Files.delete(d.resolve("cache/monkey"));
        Files.delete(d.resolve("cache/README"));
        Files.writeString(d.resolve("cache/key"), "k");
        assertEquals(1, state.deleteCaches());
        assertTrue(Files.notExists(d.resolve("cache")), "nothing of the agent's remains");
        Files.createDirectory(d.resolve("cache"));

        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.bin"), "the user's");
        Files.createSymbolicLink(classes, elsewhere);
        assertEquals("classes is a link",
                assertThrows(RefusedFileException.class, state::deleteCaches).getMessage());
        assertTrue(Files.exists(elsewhere.resolve("keep.bin")));
    }
}
