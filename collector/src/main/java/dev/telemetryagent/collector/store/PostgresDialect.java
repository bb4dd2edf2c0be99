package dev.telemetryagent.collector.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL: batches reach the (per-connection, temporary) staging table through {@code COPY ... FROM STDIN},
 * its fastest way in; migrations are serialised between collectors by a transaction-scoped advisory lock.
 */
public final class PostgresDialect implements SqlDialect {
    /** The advisory lock's key: any constant of our own ("telemetry" in ASCII, truncated to 63 bits). */
    private static final long MIGRATION_LOCK = 0x74656c656d657472L;

    @Override
    public String textType() {
        return "TEXT";
    }

    @Override
    public String doubleType() {
        return "DOUBLE PRECISION";
    }

    @Override
    public String createStagingTable() {
        // Emptied by every commit: autovacuum never visits temporary tables, so rows deleted from it one batch
        // after another would pile up as dead tuples that every later batch scans.
        return "CREATE TEMP TABLE IF NOT EXISTS staging (LIKE events) ON COMMIT DELETE ROWS";
    }

    @Override
    public void stage(Connection connection, List<StoredEvent> events) throws SQLException {
        StringBuilder csv = new StringBuilder(events.size() * 512);
        for (StoredEvent e : events) {
            text(csv, e.messageId());
            text(csv, e.event());
            text(csv, e.anonymousId());
            text(csv, e.userId());
            plain(csv, LocalDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC));
            text(csv, e.appName());
            text(csv, e.appVersion());
            text(csv, e.agentVersion());
            text(csv, e.runId());
            text(csv, e.osName());
            text(csv, e.osVersion());
            text(csv, e.osArch());
            text(csv, e.javaVersion());
            plain(csv, e.ciRun());
            plain(csv, e.cpu());
            text(csv, e.execInfo());
            text(csv, e.category());
            text(csv, e.eventName());
            plain(csv, e.elapsed());
            plain(csv, e.success());
            plain(csv, e.exitCode());
            plain(csv, e.usageError());
            text(csv, e.options());
            text(csv, e.errorType());
            text(csv, e.errorRootType());
            text(csv, e.errorSite());
            text(csv, e.errorFingerprint());
            plain(csv, e.summary());
            plain(csv, e.count());
            plain(csv, e.failures());
            text(csv, e.contextJson());
            text(csv, e.propertiesJson());
            csv.setCharAt(csv.length() - 1, '\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY staging FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("cannot stage the batch: " + e.getMessage(), "08006", e);
        }
    }

    @Override
    public void lockForMigration(Connection connection) throws SQLException {
        // Held until the migration's transaction ends: a second collector starting at the same moment waits here,
        // then finds the schema already at its version.
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }
    }

    @Override
    public boolean isOutage(SQLException failure) {
        // Class 08 (connection exception), 57P (operator intervention: shutdown, restart), 53 (out of resources).
        String state = String.valueOf(failure.getSQLState());
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }

    /** A quoted CSV field (so an empty string stays empty, never NULL); NUL, which TEXT cannot hold, as U+FFFD. */
    private static void text(StringBuilder csv, String value) {
        if (value != null) {
            csv.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    csv.append("\"\"");
                } else if (c == '\0') {
                    csv.append('\uFFFD');
                } else {
                    csv.append(c);
                }
            }
            csv.append('"');
        }
        csv.append(',');
    }

    /** An unquoted field (numbers, booleans, the timestamp); an empty unquoted field is NULL in CSV. */
    private static void plain(StringBuilder csv, Object value) {
        if (value != null) {
            csv.append(value);
        }
        csv.append(',');
    }
}
