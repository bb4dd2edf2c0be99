package dev.telemetryagent.collector.store;

import dev.telemetryagent.collector.report.Report;
import dev.telemetryagent.collector.report.ReportFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The rules of the store, the same for every database: a versioned schema migrated on start, dedupe by the
 * database's unique key ({@code INSERT ... ON CONFLICT DO NOTHING} from a staging table; a store this process
 * alone writes appends the events its {@link KnownIds} call new straight into the table), one commit per call,
 * retention by the event's own timestamp, and the report's queries. What differs lives in {@link SqlDialect}.
 *
 * <p>Writes go through one connection, one at a time; reports read through their own connections.
 */
public final class JdbcEventStore implements EventStore {

    /** Opens a fresh connection for a report (reports never share the writer's transaction). */
    @FunctionalInterface
    public interface ReaderConnections {
        /** A new connection; the caller closes it. */
        Connection open() throws SQLException;
    }

    private static final String INSERT_FROM_STAGING = "INSERT INTO events SELECT * FROM staging "
            + "ON CONFLICT (message_id) DO NOTHING RETURNING message_id";

    /** How long a health check waits for a server's answer. */
    private static final int HEALTH_TIMEOUT_SECONDS = 2;

    private final SqlDialect dialect;
    /** The writer; null after a server's connection was lost, until {@link #writer()} opens another. */
    private Connection writer;
    /** Opens a replacement writer after an outage; null for an embedded store, whose writer is never replaced. */
    private final ReaderConnections reconnect;
    private final ReaderConnections readers;
    private final LongSupplier size;
    private final String description;
    private final Object writeLock = new Object();
    private volatile boolean lastWriteFailed;
    /** The stored ids, when this process alone writes the store (loaded by {@link #migrate}); else null. */
    private KnownIds known;

    /**
     * A store over an open {@code writer} connection (this store owns and closes it), with {@code readers} for
     * reports, {@code size} for its bytes on disk, and {@code description} to name it in logs.
     */
    public JdbcEventStore(SqlDialect dialect, Connection writer, ReaderConnections readers, LongSupplier size,
                          String description) {
        this(dialect, writer, null, readers, size, description);
    }

    /**
     * A store on a database server: as above, and when the writer's connection is lost (an outage, a restart),
     * the next write or health check opens another through {@code reconnect}, so the store recovers by itself.
     */
    public JdbcEventStore(SqlDialect dialect, Connection writer, ReaderConnections reconnect,
                          ReaderConnections readers, LongSupplier size, String description) {
        this.dialect = dialect;
        this.writer = writer;
        this.reconnect = reconnect;
        this.readers = readers;
        this.size = size;
        this.description = description;
    }

    @Override
    public void migrate() throws StoreUnavailableException {
        synchronized (writeLock) {
            try {
                writer.setAutoCommit(false);
                dialect.lockForMigration(writer);
                try (Statement st = writer.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS collector_schema (version INTEGER NOT NULL)");
                    int version = 0;
                    try (ResultSet rs = st.executeQuery("SELECT max(version) FROM collector_schema")) {
                        if (rs.next()) {
                            version = rs.getInt(1);
                        }
                    }
                    List<List<String>> migrations = Schema.migrations(dialect);
                    if (version > migrations.size()) {
                        throw new StoreUnavailableException("the store's schema is version " + version
                                + ", newer than this collector's " + migrations.size(), null);
                    }
                    for (int v = version; v < migrations.size(); v++) {
                        for (String sql : migrations.get(v)) {
                            st.execute(sql);
                        }
                    }
                    if (version < migrations.size()) {
                        st.execute("DELETE FROM collector_schema");
                        st.execute("INSERT INTO collector_schema VALUES (" + migrations.size() + ")");
                    }
                }
                writer.commit();
                try (Statement st = writer.createStatement()) {
                    st.execute(dialect.createStagingTable());
                }
                writer.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw new StoreUnavailableException("cannot migrate the store's schema: " + firstLine(e), e);
            }
            if (dialect.soleWriter()) {
                try {
                    known = KnownIds.load(writer);
                    writer.commit();
                } catch (SQLException e) {
                    rollbackQuietly();
                    throw new StoreUnavailableException("cannot read the stored ids: " + firstLine(e), e);
                }
            }
        }
    }

    @Override
    public List<InsertResult> insertAll(List<List<StoredEvent>> batches) throws StoreUnavailableException {
        synchronized (writeLock) {
            try {
                List<InsertResult> results;
                try {
                    results = insertGroup(writer(), batches, known != null);
                } catch (SQLException fastPathFailed) {
                    if (known == null) {
                        throw fastPathFailed;
                    }
                    // The unique key refused what the filter called new (it never should): the key decides alone.
                    rollbackQuietly();
                    results = insertGroup(writer(), batches, false);
                }
                writer.commit();
                growKnownIds();
                lastWriteFailed = false;
                return results;
            } catch (SQLException e) {
                lastWriteFailed = true;
                rollbackQuietly();
                dropIfLost(e);
                throw new StoreUnavailableException("cannot write to the store: " + firstLine(e), e);
            }
        }
    }

    /**
     * Inserts every batch of the group in the open transaction, each batch credited with its own new events;
     * within the group, the first batch to carry a {@code messageId} owns it. On the {@code fastPath}, the events
     * the known ids say are certainly new are appended straight into the table; the others (all of them off it)
     * are staged at once and inserted with one statement, the database's key deciding what is new
     * ({@code RETURNING} names the rows it inserted). The key guards both ways.
     */
    private List<InsertResult> insertGroup(Connection writer, List<List<StoredEvent>> batches, boolean fastPath)
            throws SQLException {
        Map<String, Integer> owner = new HashMap<>();
        List<StoredEvent> distinct = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            for (StoredEvent e : batches.get(b)) {
                if (owner.putIfAbsent(e.messageId(), b) == null) {
                    distinct.add(e);
                }
            }
        }
        int[] accepted = new int[batches.size()];
        List<StoredEvent> maybeStored = distinct;
        if (fastPath) {
            List<StoredEvent> fresh = new ArrayList<>(distinct.size());
            maybeStored = new ArrayList<>();
            for (StoredEvent e : distinct) {
                (known.mightContain(e.messageId()) ? maybeStored : fresh).add(e);
            }
            if (!fresh.isEmpty()) {
                dialect.append(writer, fresh);
                for (StoredEvent e : fresh) {
                    accepted[owner.get(e.messageId())]++;
                    known.add(e.messageId());
                }
            }
        }
        if (!maybeStored.isEmpty()) {
            dialect.stage(writer, maybeStored);
            try (Statement st = writer.createStatement()) {
                try (ResultSet inserted = st.executeQuery(INSERT_FROM_STAGING)) {
                    while (inserted.next()) {
                        String id = inserted.getString(1);
                        accepted[owner.get(id)]++;
                        if (known != null) {
                            known.add(id);
                        }
                    }
                }
                st.execute("DELETE FROM staging");
            }
        }
        List<InsertResult> results = new ArrayList<>(batches.size());
        for (int b = 0; b < batches.size(); b++) {
            results.add(new InsertResult(accepted[b], batches.get(b).size() - accepted[b]));
        }
        return results;
    }

    /** Rebuilds a full filter larger, after a commit; if that fails, the old one stays (only less exact). */
    private void growKnownIds() {
        if (known == null || !known.wantsRebuild()) {
            return;
        }
        try {
            known = KnownIds.load(writer);
            writer.commit();
        } catch (SQLException e) {
            rollbackQuietly();
        }
    }

    @Override
    public Report report(ReportFilter filter) throws StoreUnavailableException {
        try (Connection c = readers.open()) {
            return new ReportQueries(c, filter).run();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the store: " + firstLine(e), e);
        }
    }

    @Override
    public long deleteBefore(Instant cutoff) throws StoreUnavailableException {
        synchronized (writeLock) {
            try (PreparedStatement ps = writer().prepareStatement("DELETE FROM events WHERE ts < ?")) {
                ps.setTimestamp(1, utc(cutoff));
                long deleted = ps.executeUpdate();
                writer.commit();
                return deleted;
            } catch (SQLException e) {
                rollbackQuietly();
                dropIfLost(e);
                throw new StoreUnavailableException("cannot apply retention: " + firstLine(e), e);
            }
        }
    }

    @Override
    public boolean writable() {
        if (!lastWriteFailed && reconnect == null) {
            return true;
        }
        synchronized (writeLock) {
            // A server can go away between writes: ask the connection (one round trip) before saying yes.
            if (!lastWriteFailed && connectionAlive()) {
                return true;
            }
            try (Statement st = writer().createStatement()) {
                st.executeUpdate("UPDATE collector_schema SET version = version");
                writer.commit();
                lastWriteFailed = false;
                return true;
            } catch (SQLException e) {
                rollbackQuietly();
                dropIfLost(e);
                return false;
            }
        }
    }

    @Override
    public long sizeBytes() {
        return size.getAsLong();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            try {
                if (writer != null) {
                    writer.close();
                }
            } catch (SQLException e) {
                // Closing after the last commit: nothing acknowledged can be lost here.
            }
        }
    }

    /** A timestamp column value holding the instant's UTC wall time (columns are UTC, without a zone). */
    static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The writer, opening a replacement (with its staging table) when a server's connection was lost. */
    private Connection writer() throws SQLException {
        if (writer == null) {
            Connection fresh = reconnect.open();
            try {
                fresh.setAutoCommit(false);
                try (Statement st = fresh.createStatement()) {
                    st.execute(dialect.createStagingTable());
                }
                fresh.commit();
            } catch (SQLException e) {
                fresh.close();
                throw e;
            }
            writer = fresh;
        }
        return writer;
    }

    private boolean connectionAlive() {
        try {
            if (writer != null && writer.isValid(HEALTH_TIMEOUT_SECONDS)) {
                return true;
            }
        } catch (SQLException e) {
            // Treated as lost below.
        }
        lastWriteFailed = true;
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException e) {
                // Already gone.
            }
            writer = null;
        }
        return false;
    }

    /** After a failure that lost a server's connection, closes it so that the next write opens another. */
    private void dropIfLost(SQLException failure) {
        if (reconnect == null || writer == null || !dialect.isOutage(failure)) {
            return;
        }
        try {
            writer.close();
        } catch (SQLException e) {
            // Already gone.
        }
        writer = null;
    }

    private void rollbackQuietly() {
        if (writer == null) {
            return;
        }
        try {
            writer.rollback();
        } catch (SQLException e) {
            // The connection is gone; the transaction went with it.
        }
    }

    /** The first line of a database's message: enough for a log line or a 503 reason. */
    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
