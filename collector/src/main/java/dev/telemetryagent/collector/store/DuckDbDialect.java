package dev.telemetryagent.collector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB: events reach the table (new ones) or the staging table (possibly stored ones) through its appender, the
 * fastest way in.
 */
public final class DuckDbDialect implements SqlDialect {

    @Override
    public String textType() {
        return "VARCHAR";
    }

    @Override
    public String doubleType() {
        return "DOUBLE";
    }

    @Override
    public String createStagingTable() {
        return "CREATE TEMP TABLE IF NOT EXISTS staging AS SELECT * FROM events LIMIT 0";
    }

    @Override
    public void stage(Connection connection, List<StoredEvent> events) throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender a = duck.createAppender("temp", "main", "staging")) {
            appendRows(a, events);
        }
    }

    /** The collector holds the file locked: no other process writes it. */
    @Override
    public boolean soleWriter() {
        return true;
    }

    @Override
    public void append(Connection connection, List<StoredEvent> events) throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            appendRows(a, events);
        }
    }

    private static void appendRows(DuckDBAppender a, List<StoredEvent> events) throws SQLException {
        for (StoredEvent e : events) {
            a.beginRow();
            a.append(e.messageId());
            a.append(e.event());
            a.append(e.anonymousId());
            text(a, e.userId());
            Instant ts = e.timestamp();
            a.appendEpochMicros(ts.getEpochSecond() * 1_000_000L + ts.getNano() / 1_000);
            text(a, e.appName());
            text(a, e.appVersion());
            text(a, e.agentVersion());
            text(a, e.runId());
            text(a, e.osName());
            text(a, e.osVersion());
            text(a, e.osArch());
            text(a, e.javaVersion());
            bool(a, e.ciRun());
            integer(a, e.cpu());
            text(a, e.execInfo());
            text(a, e.category());
            text(a, e.eventName());
            if (e.elapsed() == null) {
                a.appendNull();
            } else {
                a.append(e.elapsed().doubleValue());
            }
            bool(a, e.success());
            integer(a, e.exitCode());
            bool(a, e.usageError());
            text(a, e.options());
            text(a, e.errorType());
            text(a, e.errorRootType());
            text(a, e.errorSite());
            text(a, e.errorFingerprint());
            a.append(e.summary());
            big(a, e.count());
            big(a, e.failures());
            text(a, e.contextJson());
            text(a, e.propertiesJson());
            a.endRow();
        }
    }

    @Override
    public boolean isOutage(SQLException failure) {
        String m = String.valueOf(failure.getMessage());
        return m.contains("IO Error") || m.contains("No space left") || m.contains("FATAL Error")
                || m.contains("database has been invalidated");
    }

    private static void text(DuckDBAppender a, String value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else {
            a.append(value);
        }
    }

    private static void bool(DuckDBAppender a, Boolean value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else {
            a.append(value.booleanValue());
        }
    }

    private static void integer(DuckDBAppender a, Integer value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else {
            a.append(value.intValue());
        }
    }

    private static void big(DuckDBAppender a, Long value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else {
            a.append(value.longValue());
        }
    }
}
