package dev.telemetryagent.collector.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @Option(names = "--write-key", paramLabel = "KEY",
            description = "Require Authorization: Bearer KEY on POST /collect.")
    String writeKey;

    @Option(names = "--read-key", paramLabel = "KEY",
            description = "Require Authorization: Bearer KEY on /report* and /metrics (required off loopback).")
    String readKey;

    @Option(names = "--retention-days", paramLabel = "DAYS",
            description = "Delete events whose timestamp is older than DAYS days (default: keep all).")
    Integer retentionDays;

    @Override
    public Integer call() {
        System.err.println("serve: not built yet");
        return 1;
    }
}
