package dev.telemetryagent.collector.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens a PostgreSQL database ({@code --jdbc URL}) as an {@link EventStore} shared by several collectors. The
 * password comes from the URL or, when it has none, from {@value #PASSWORD_VARIABLE}; it is never printed or
 * logged, and every message that leaves here is scrubbed of it and of the URL (the driver's messages may quote
 * either). The writer's connection is replaced after an outage (see {@link JdbcEventStore}); each report opens
 * a connection of its own, so no pool is needed for one writer and occasional reports.
 */
public final class PostgresStores {
    /** The environment variable that holds the password when the URL has none. */
    public static final String PASSWORD_VARIABLE = "TELEMETRY_COLLECTOR_JDBC_PASSWORD";
    private static final String CONNECT_TIMEOUT_SECONDS = "5";
    /** The writer gives up on a server that stops answering (the store wait, 30 s, answers 503 first). */
    private static final String WRITER_SOCKET_TIMEOUT_SECONDS = "30";

    private final String url;
    private final Properties properties;
    private final String password;
    private final String where;
    private final String user;

    private PostgresStores(String url, Properties parsed, String passwordFromEnvironment) {
        this.url = url;
        this.properties = new Properties();
        String fromUrl = parsed.getProperty("password");
        this.password = fromUrl != null ? fromUrl : passwordFromEnvironment;
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("ApplicationName", "telemetry-collector");
        this.where = "postgresql://" + parsed.getProperty("PGHOST", "localhost") + ":"
                + parsed.getProperty("PGPORT", "5432") + "/" + parsed.getProperty("PGDBNAME", "");
        this.user = parsed.getProperty("user", System.getProperty("user.name"));
    }

    /** Opens the database for a collector that writes: connects, and creates or migrates the schema. */
    public static EventStore openForWriting(String url, String passwordFromEnvironment) throws StoreOpenException {
        return open(url, passwordFromEnvironment, true);
    }

    /** Opens the database to read reports (several collectors may be writing it meanwhile). */
    public static EventStore openForReading(String url, String passwordFromEnvironment) throws StoreOpenException {
        return open(url, passwordFromEnvironment, false);
    }

    private static EventStore open(String url, String passwordFromEnvironment, boolean write)
            throws StoreOpenException {
        Properties parsed = url == null || !url.startsWith("jdbc:postgresql:") ? null
                : Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new StoreOpenException("--jdbc takes a PostgreSQL URL, jdbc:postgresql://HOST:PORT/DATABASE "
                    + "(the password in " + PASSWORD_VARIABLE + ")", null);
        }
        PostgresStores server = new PostgresStores(url, parsed, passwordFromEnvironment);
        Connection writer;
        try {
            writer = server.connect(true);
        } catch (SQLException e) {
            throw new StoreOpenException(server.openFailure(e), null);
        }
        JdbcEventStore store = new JdbcEventStore(new PostgresDialect(), writer, () -> server.reconnect(true),
                () -> server.reconnect(false), server::sizeBytes, server.where);
        if (write) {
            try {
                store.migrate();
            } catch (StoreUnavailableException e) {
                store.close();
                throw new StoreOpenException(server.scrub(server.where + ": " + e.getMessage()), null);
            }
        }
        return store;
    }

    private Connection connect(boolean writer) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        if (writer) {
            p.setProperty("socketTimeout", WRITER_SOCKET_TIMEOUT_SECONDS);
            p.setProperty("tcpKeepAlive", "true");
        }
        Connection c = new Driver().connect(url, p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL", "08001");
        }
        return c;
    }

    /** A connection while serving: a failure keeps its SQL state (an outage is told by it) but not the URL. */
    private Connection reconnect(boolean writer) throws SQLException {
        try {
            return connect(writer);
        } catch (SQLException e) {
            throw new SQLException(scrub(JdbcEventStore.firstLine(e)), e.getSQLState());
        }
    }

    private long sizeBytes() {
        try (Connection c = connect(false); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('events')")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The one line for a database that would not open, in the user's terms, without URL or password. */
    private String openFailure(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (state.startsWith("28")) {
            return "cannot log in to " + where + " as " + user + ": authentication failed (check the user in the "
                    + "URL and the password in " + PASSWORD_VARIABLE + ")";
        }
        if (state.equals("3D000")) {
            return "database " + where + " does not exist: create it first (createdb)";
        }
        if (state.startsWith("08")) {
            return "cannot reach " + where + ": " + scrub(JdbcEventStore.firstLine(e));
        }
        return "cannot open " + where + ": " + scrub(JdbcEventStore.firstLine(e));
    }

    /** {@code message} with the URL and the password replaced, whatever quoted them. */
    private String scrub(String message) {
        String m = message.replace(url, where);
        if (password != null && !password.isEmpty()) {
            m = m.replace(password, "***");
        }
        return m;
    }
}
