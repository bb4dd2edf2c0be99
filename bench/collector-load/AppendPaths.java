import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The two ways into the DuckDB store, timed alone (docs/PERFORMANCE.md, "Appending new events straight into the
 * table"): 300 groups of 800 rows into a fresh table with a primary key on message_id, each group committed,
 * either through a staging table (appender, INSERT ... SELECT ... ON CONFLICT ... RETURNING, DELETE) or with the
 * appender straight into the table.
 *
 *   java -cp target/telemetry-collector.jar bench/collector-load/AppendPaths.java staging|direct
 */
public final class AppendPaths {
    public static void main(String[] args) throws Exception {
        boolean staging = args[0].equals("staging");
        int groups = 300;
        int rows = 800;
        Path dir = Files.createTempDirectory("append-paths");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("a.duckdb"))) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE events (message_id VARCHAR NOT NULL PRIMARY KEY, event VARCHAR, "
                        + "anonymous_id VARCHAR, ts TIMESTAMP, properties VARCHAR, elapsed DOUBLE)");
                st.execute("CREATE TEMP TABLE staging AS SELECT * FROM events LIMIT 0");
            }
            c.commit();
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            long appendNs = 0;
            long insertNs = 0;
            long commitNs = 0;
            long start = System.nanoTime();
            int n = 0;
            for (int g = 0; g < groups; g++) {
                long t0 = System.nanoTime();
                try (DuckDBAppender a = staging ? duck.createAppender("temp", "main", "staging")
                        : duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
                    for (int r = 0; r < rows; r++, n++) {
                        a.beginRow();
                        a.append(UUID.randomUUID().toString());
                        a.append("command_sync");
                        a.append("install-" + (r % 1000));
                        a.appendEpochMicros(1_764_000_000_000_000L + n * 1000L);
                        a.append("{\"format\":\"json\",\"dry_run\":\"true\"}");
                        a.append(0.25);
                        a.endRow();
                    }
                }
                long t1 = System.nanoTime();
                if (staging) {
                    try (Statement st = c.createStatement()) {
                        try (ResultSet rs = st.executeQuery("INSERT INTO events SELECT * FROM staging "
                                + "ON CONFLICT (message_id) DO NOTHING RETURNING message_id")) {
                            while (rs.next()) {
                                rs.getString(1);
                            }
                        }
                        st.execute("DELETE FROM staging");
                    }
                }
                long t2 = System.nanoTime();
                c.commit();
                long t3 = System.nanoTime();
                appendNs += t1 - t0;
                insertNs += t2 - t1;
                commitNs += t3 - t2;
            }
            long total = System.nanoTime() - start;
            System.out.printf("%s: %d rows in %d ms = %.0f rows/s; a group: append %.1f ms, insert and clear %.1f ms,"
                    + " commit %.1f ms%n", args[0], n, total / 1_000_000, n * 1e9 / total, appendNs / 1e6 / groups,
                    insertNs / 1e6 / groups, commitNs / 1e6 / groups);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
