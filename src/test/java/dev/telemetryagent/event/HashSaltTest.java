package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.config.CiPolicy;
import dev.telemetryagent.config.ConsentPolicy;
import dev.telemetryagent.config.Mode;
import dev.telemetryagent.config.TelemetrySettings;
import dev.telemetryagent.state.StateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashSaltTest {
    @TempDir
    Path dir;

    private TelemetrySettings settings(String salt) {
        return new TelemetrySettings(Mode.ANONYMOUS, null, ConsentPolicy.NONE, List.of(), CiPolicy.DISABLE, salt, false,
                dir.toString());
    }

    @Test
    void configuredSaltIsUsedAndNothingIsWritten() throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state").toString());
        assertEquals("acme", HashSalt.resolve(settings("acme"), state));
        assertTrue(Files.notExists(dir.resolve("state")));
    }

    @Test
    void machineSaltIsMadeOnceAndKept() throws Exception {
        StateDirectory state = new StateDirectory(dir.toString());
        String first = HashSalt.resolve(settings(null), state);
        assertTrue(first.matches("[0-9a-f]{64}"), first);
        assertEquals(first + "\n", Files.readString(dir.resolve(HashSalt.FILE)));
        assertEquals(first, HashSalt.resolve(settings(null), state));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve(HashSalt.FILE)), files.toList(), "no staging file left behind");
        }
    }

    @Test
    void machinesGetDifferentSalts() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        String a = HashSalt.resolve(settings(null), new StateDirectory(dir.resolve("one").toString()));
        String b = HashSalt.resolve(settings(null), new StateDirectory(other.toString()));
        assertNotEquals(a, b);
    }

    @Test
    void malformedSaltIsReplaced() throws Exception {
        Files.writeString(dir.resolve(HashSalt.FILE), "short\n");
        String salt = HashSalt.resolve(settings(null), new StateDirectory(dir.toString()));
        assertTrue(salt.matches("[0-9a-f]{64}"), salt);
        assertEquals(salt + "\n", Files.readString(dir.resolve(HashSalt.FILE)));
    }

    @Test
    void concurrentFirstRunsAgreeOnOneSalt() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path stateDir = dir.resolve("round" + round);
            int threads = 8;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit((Callable<String>) () -> {
                        start.await();
                        return HashSalt.resolve(settings(null), new StateDirectory(stateDir.toString()));
                    }));
                }
                Set<String> salts = new HashSet<>();
                for (Future<String> f : results) {
                    salts.add(f.get());
                }
                assertEquals(1, salts.size(), "round " + round + ": " + salts);
                assertEquals(salts.iterator().next() + "\n", Files.readString(stateDir.resolve(HashSalt.FILE)));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
