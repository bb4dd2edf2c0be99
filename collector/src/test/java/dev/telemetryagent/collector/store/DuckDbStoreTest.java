package dev.telemetryagent.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telemetryagent.collector.report.ReportFilter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreTest {

    @TempDir
    Path dir;

    static StoredEvent event(String messageId, String anonymousId, Instant ts, double elapsed) {
        return new StoredEvent(messageId, "command_sync", anonymousId, null, ts, "acme", "1.0.0", "0.1.0", "run-1",
                "Linux", "6.1", "amd64", "17.0.15", false, 2, null, "command", "sync", elapsed, true, 0, null,
                null, null, null, null, null, false, null, null, "{}", "{}");
    }

    @Test
    void aRepeatedMessageIdIsADuplicateNotAnError() throws Exception {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        try (EventStore store = DuckDbStores.openForWriting(dir.resolve("s.duckdb"))) {
            assertEquals(new InsertResult(2, 0), store.insert(List.of(event("a", "i1", now, 1), event("b", "i1", now, 2))));
            assertEquals(new InsertResult(1, 2),
                    store.insert(List.of(event("a", "i1", now, 1), event("c", "i2", now, 3), event("c", "i2", now, 3))));
            assertEquals(3, store.report(ReportFilter.all()).events());
        }
    }

    @Test
    void aReopenedStoreKnowsWhatItStoredAndGroupsShareTheirIds() throws Exception {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        Path file = dir.resolve("r.duckdb");
        try (EventStore store = DuckDbStores.openForWriting(file)) {
            assertEquals(new InsertResult(2, 0), store.insert(List.of(event("a", "i1", now, 1), event("b", "i1", now, 2))));
        }
        try (EventStore store = DuckDbStores.openForWriting(file)) {
            List<InsertResult> results = store.insertAll(List.of(
                    List.of(event("a", "i1", now, 1), event("c", "i2", now, 3)),
                    List.of(event("c", "i2", now, 3), event("d", "i2", now, 4), event("b", "i1", now, 2))));
            assertEquals(List.of(new InsertResult(1, 1), new InsertResult(1, 2)), results);
            assertEquals(new InsertResult(0, 4), store.insert(List.of(event("a", "i1", now, 1),
                    event("b", "i1", now, 2), event("c", "i2", now, 3), event("d", "i2", now, 4))));
            assertEquals(4, store.report(ReportFilter.all()).events());
        }
    }
}
