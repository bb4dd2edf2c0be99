package dev.telemetryagent.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telemetryagent.collector.report.Report;
import dev.telemetryagent.collector.report.ReportFilter;
import dev.telemetryagent.collector.store.DuckDbStores;
import dev.telemetryagent.collector.store.EventStore;
import dev.telemetryagent.collector.store.InsertResult;
import dev.telemetryagent.collector.store.StoreUnavailableException;
import dev.telemetryagent.collector.store.StoredEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the store cannot be written, {@code /collect} answers 503 and {@code /health} too, and both recover with
 * the store. The outage is switched on in front of a real DuckDB store: an embedded file has no outage to
 * provoke from outside (a database server's outage is tested with PostgreSQL itself).
 */
class OutageTest {
    @TempDir
    Path dir;

    /** A real store that can be told to fail its writes, as a database that went away does. */
    static final class SwitchableStore implements EventStore {
        private final EventStore real;
        volatile boolean down;

        SwitchableStore(EventStore real) {
            this.real = real;
        }

        @Override
        public void migrate() throws StoreUnavailableException {
            real.migrate();
        }

        @Override
        public List<InsertResult> insertAll(List<List<StoredEvent>> batches) throws StoreUnavailableException {
            if (down) {
                throw new StoreUnavailableException("connection refused", null);
            }
            return real.insertAll(batches);
        }

        @Override
        public Report report(ReportFilter filter) throws StoreUnavailableException {
            return real.report(filter);
        }

        @Override
        public long deleteBefore(Instant cutoff) throws StoreUnavailableException {
            return real.deleteBefore(cutoff);
        }

        @Override
        public boolean writable() {
            return !down && real.writable();
        }

        @Override
        public long sizeBytes() {
            return real.sizeBytes();
        }

        @Override
        public String describe() {
            return real.describe();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void anOutageIs503OnCollectAndHealthUntilTheStoreIsBack() throws Exception {
        SwitchableStore store = new SwitchableStore(DuckDbStores.openForWriting(dir.resolve("o.duckdb")));
        WriteQueue writes = new WriteQueue(store);
        CollectorMetrics metrics = new CollectorMetrics(store);
        CollectorServer server = new CollectorServer("127.0.0.1", 0,
                new CollectorHandler(store, writes, metrics, null, null), metrics);
        server.start();
        HttpClient http = HttpClient.newHttpClient();
        String batch = "{\"batch\":[" + BatchReaderTest.event("m1") + "]}";
        try {
            store.down = true;
            assertEquals(503, post(http, server.address(), batch).statusCode());
            assertEquals(503, get(http, server.address(), "/health").statusCode());
            store.down = false;
            assertEquals(200, get(http, server.address(), "/health").statusCode());
            HttpResponse<String> ok = post(http, server.address(), batch);
            assertEquals(200, ok.statusCode());
            assertEquals("{\"accepted\":1,\"duplicates\":0,\"rejected\":0}", ok.body());
        } finally {
            server.stop();
            writes.close();
            store.close();
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/collect")).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
