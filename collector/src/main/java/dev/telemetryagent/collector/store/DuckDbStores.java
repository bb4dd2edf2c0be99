package dev.telemetryagent.collector.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/** Opens an embedded DuckDB file as an {@link EventStore}, turning every way it can fail into one clear line. */
public final class DuckDbStores {

    private DuckDbStores() {
    }

    /**
     * Opens (creating when absent) the store file for writing and migrates its schema. Fails, changing nothing,
     * when another process holds the file, when it cannot be written, or when it is not a DuckDB database.
     */
    public static EventStore openForWriting(Path file) throws StoreOpenException {
        return open(file, false);
    }

    /** Opens an existing store file to read reports; fails when a running collector holds it. */
    public static EventStore openForReading(Path file) throws StoreOpenException {
        if (!Files.isRegularFile(file)) {
            throw new StoreOpenException("store " + file + " does not exist", null);
        }
        return open(file, true);
    }

    private static EventStore open(Path file, boolean readOnly) throws StoreOpenException {
        Path absolute = file.toAbsolutePath();
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        }
        Connection writer;
        try {
            writer = DriverManager.getConnection("jdbc:duckdb:" + absolute, props);
        } catch (SQLException e) {
            throw new StoreOpenException(openFailure(absolute, e, readOnly), e);
        }
        JdbcEventStore store = new JdbcEventStore(new DuckDbDialect(), writer,
                () -> writer.unwrap(DuckDBConnection.class).duplicate(), () -> sizeOf(absolute),
                absolute.toString());
        if (!readOnly) {
            try {
                store.migrate();
            } catch (StoreUnavailableException e) {
                store.close();
                throw new StoreOpenException("store " + absolute + ": " + e.getMessage(), e);
            }
        }
        return store;
    }

    /** The one line for a store that would not open: what is wrong, in the user's terms. */
    static String openFailure(Path file, SQLException e, boolean forReport) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Could not set lock") || m.contains("Conflicting lock")) {
            return forReport
                    ? "store " + file + " is held by a running collector: read its report from that collector at "
                    + "GET /report (or /report.json) instead"
                    : "store " + file + " is held by another process (another collector?): stop it or choose "
                    + "another --store";
        }
        if (m.contains("Permission denied") || m.contains("Read-only") || m.contains("read-only")) {
            return "store " + file + " cannot be opened for writing (permission denied); nothing was changed";
        }
        if (m.contains("not a valid DuckDB database") || m.contains("Corrupt") || m.contains("corrupt")
                || m.contains("Serialization") || m.contains("checksum")) {
            return "store " + file + " is not a DuckDB database this collector can read (corrupt, or another "
                    + "format); nothing was changed";
        }
        return "store " + file + " cannot be opened: " + JdbcEventStore.firstLine(e);
    }

    private static long sizeOf(Path file) {
        long total = 0;
        for (Path p : new Path[] {file, file.resolveSibling(file.getFileName() + ".wal")}) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                // A missing write-ahead log adds nothing.
            }
        }
        return total;
    }
}
