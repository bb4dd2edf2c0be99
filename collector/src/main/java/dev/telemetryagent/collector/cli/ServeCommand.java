package dev.telemetryagent.collector.cli;

import dev.telemetryagent.collector.ingest.CollectorHandler;
import dev.telemetryagent.collector.ingest.CollectorMetrics;
import dev.telemetryagent.collector.ingest.CollectorServer;
import dev.telemetryagent.collector.ingest.WriteQueue;
import dev.telemetryagent.collector.store.DuckDbStores;
import dev.telemetryagent.collector.store.EventStore;
import dev.telemetryagent.collector.store.PostgresStores;
import dev.telemetryagent.collector.store.StoreOpenException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: receives the agent's batches at {@code POST /collect} and serves the live report. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Receives telemetry-agent's json batches and stores each event once.")
public final class ServeCommand implements Callable<Integer> {
    /** The store file when none is named, in the working directory. */
    static final String DEFAULT_STORE = "telemetry-events.duckdb";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The port (0: a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--store", paramLabel = "FILE", defaultValue = DEFAULT_STORE,
            description = "The DuckDB store file (default: ${DEFAULT-VALUE} in the working directory).")
    Path store;

    @Option(names = "--jdbc", paramLabel = "URL",
            description = "A shared PostgreSQL database instead of the store file: jdbc:postgresql://HOST:PORT/DB "
                    + "(its password from " + PostgresStores.PASSWORD_VARIABLE + " when the URL has none).")
    String jdbc;

    @Option(names = "--write-key", paramLabel = "KEY",
            description = "Require Authorization: Bearer KEY on POST /collect.")
    String writeKey;

    @Option(names = "--read-key", paramLabel = "KEY",
            description = "Require Authorization: Bearer KEY on /report* and /metrics (required off loopback).")
    String readKey;

    @Option(names = "--retention-days", paramLabel = "DAYS",
            description = "Delete events whose timestamp is older than DAYS days (default: keep all).")
    Integer retentionDays;

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** How often retention runs while serving (it also runs once at start). */
    private static final long RETENTION_EVERY_MINUTES = 60;

    @Override
    public Integer call() throws Exception {
        String refusal = refusal();
        if (refusal != null) {
            System.err.println("serve: " + refusal);
            return 1;
        }
        EventStore events;
        try {
            events = jdbc != null
                    ? PostgresStores.openForWriting(jdbc, System.getenv(PostgresStores.PASSWORD_VARIABLE))
                    : DuckDbStores.openForWriting(store);
        } catch (StoreOpenException e) {
            System.err.println("serve: " + e.getMessage());
            return 1;
        }
        Retention retention = new Retention(events, retentionDays);
        retention.run();
        WriteQueue writes = new WriteQueue(events);
        CollectorMetrics metrics = new CollectorMetrics(events);
        CollectorServer server = new CollectorServer(bind, port,
                new CollectorHandler(events, writes, metrics, writeKey, readKey), metrics);
        try {
            server.start();
        } catch (Exception e) {
            System.err.println("serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            writes.close();
            events.close();
            return 1;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collector-retention");
            t.setDaemon(true);
            return t;
        });
        if (retentionDays != null) {
            timer.scheduleWithFixedDelay(retention, RETENTION_EVERY_MINUTES, RETENTION_EVERY_MINUTES,
                    TimeUnit.MINUTES);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, writes, events, timer),
                "collector-stop"));
        LOG.info("collector {} started: store {}, listening on {}",
                new CollectorVersion().getVersion()[0], events.describe(), server.address());
        System.out.println("listening on " + server.address());
        System.out.flush();
        server.join();
        return 0;
    }

    /** Why the options cannot be served as given, or null. */
    private String refusal() {
        if (port < 0 || port > 65535) {
            return "--port must be between 0 and 65535";
        }
        if (retentionDays != null && retentionDays < 1) {
            return "--retention-days must be at least 1";
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return "--bind " + bind + " is not an address of this machine";
        }
        if (!loopback && (readKey == null || readKey.isEmpty())) {
            return "bound to " + bind + ", off loopback, the reports and metrics need a --read-key "
                    + "(and TLS from a reverse proxy in front: see docs/COLLECTOR.md)";
        }
        return null;
    }

    /** SIGTERM: stop taking requests, let those in progress finish, commit what was queued, close the store. */
    private static void stop(CollectorServer server, WriteQueue writes, EventStore events,
                             ScheduledExecutorService timer) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.error("stopping the HTTP server failed: {}", e.toString());
        }
        timer.shutdownNow();
        writes.close();
        events.close();
        LOG.info("collector stopped");
    }
}
