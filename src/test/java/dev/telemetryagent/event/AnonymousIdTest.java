package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.telemetryagent.state.StateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnonymousIdTest {
    @TempDir
    Path dir;

    @RepeatedTest(20)
    void eightThreadsCreatingAtOnceGetOneId() throws Exception {
        // Warm: class loading and the random source must not serialise the threads.
        AnonymousId.getOrCreate(new StateDirectory(dir.resolve("warm").toString()));
        StateDirectory state = new StateDirectory(dir.resolve("state").toString());
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return AnonymousId.getOrCreate(state);
                }));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : results) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), ids.toString());
            assertEquals(ids.iterator().next() + "\n", Files.readString(dir.resolve("state/anonymous_id")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMalformedIdIsReplacedAndResetMakesANewOne() throws Exception {
        StateDirectory state = new StateDirectory(dir.toString());
        Files.writeString(dir.resolve(AnonymousId.FILE), "not an id\n");
        String id = AnonymousId.getOrCreate(state);
        assertEquals(id, AnonymousId.read(state));
        assertNotEquals(id, AnonymousId.reset(state));
    }
}
