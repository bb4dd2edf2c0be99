package dev.telemetryagent.collector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between databases: column types, how a batch reaches the staging table, how a failure reads.
 * Everything else (the schema's shape, migrations, dedupe, retention, the report's queries) is one code path in
 * {@link JdbcEventStore}.
 */
public interface SqlDialect {

    /** The type of a text column ({@code VARCHAR}, {@code TEXT}). */
    String textType();

    /** The type of a double column ({@code DOUBLE}, {@code DOUBLE PRECISION}). */
    String doubleType();

    /** The statement that creates the per-connection staging table shaped like {@code events}. */
    String createStagingTable();

    /** Loads {@code events} into the (empty) staging table on {@code connection}, inside its transaction. */
    void stage(Connection connection, List<StoredEvent> events) throws SQLException;

    /**
     * Whether this process alone writes the store (an embedded file it holds locked): then the store keeps the
     * ids it stored ({@link KnownIds}) and {@link #append}s the events it knows are new straight into
     * {@code events}. A database other processes write too must answer false.
     */
    default boolean soleWriter() {
        return false;
    }

    /**
     * Appends {@code events}, all new and distinct, straight into the events table inside the transaction (the
     * unique key still guards it); only called when {@link #soleWriter()}.
     */
    default void append(Connection connection, List<StoredEvent> events) throws SQLException {
        throw new UnsupportedOperationException("only for a store this process alone writes");
    }

    /** Takes a lock that serialises schema migrations between collectors (no-op for an embedded store). */
    default void lockForMigration(Connection connection) throws SQLException {
    }

    /** Whether a failure means the store is unreachable or unwritable right now (503) rather than a bug. */
    boolean isOutage(SQLException failure);
}
