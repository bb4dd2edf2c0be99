package dev.telemetryagent.collector.cli;

import dev.telemetryagent.collector.report.Report;
import dev.telemetryagent.collector.report.ReportFilter;
import dev.telemetryagent.collector.report.ReportJson;
import dev.telemetryagent.collector.report.ReportPages;
import dev.telemetryagent.collector.store.DuckDbStores;
import dev.telemetryagent.collector.store.EventStore;
import dev.telemetryagent.collector.store.PostgresStores;
import dev.telemetryagent.collector.store.StoreOpenException;
import dev.telemetryagent.collector.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: the report of a store file, offline, as JSON on stdout or as an HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the report of a store: --json to stdout, or --out FILE.html.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--store", paramLabel = "FILE", defaultValue = ServeCommand.DEFAULT_STORE,
            description = "The DuckDB store file (default: ${DEFAULT-VALUE} in the working directory).")
    Path store;

    @Option(names = "--jdbc", paramLabel = "URL",
            description = "A shared PostgreSQL database instead of the store file: jdbc:postgresql://HOST:PORT/DB "
                    + "(its password from " + PostgresStores.PASSWORD_VARIABLE + " when the URL has none).")
    String jdbc;

    @Option(names = "--days", paramLabel = "N", description = "Only events of the last N days (default: all).")
    Integer days;

    @Option(names = "--app", paramLabel = "NAME", description = "Only events of this application.")
    String app;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    /** Where the report goes: exactly one of the two. */
    static final class Output {
        @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "Write the HTML page.")
        Path out;

        @Option(names = "--json", required = true, description = "Print the report's JSON on stdout.")
        boolean json;
    }

    @Override
    public Integer call() {
        if (days != null && days < 1) {
            System.err.println("report: --days must be at least 1");
            return 2;
        }
        try (EventStore events = jdbc != null
                ? PostgresStores.openForReading(jdbc, System.getenv(PostgresStores.PASSWORD_VARIABLE))
                : DuckDbStores.openForReading(store)) {
            Report report = events.report(new ReportFilter(days, app, Instant.now()));
            if (output.json) {
                System.out.println(ReportJson.write(report));
            } else {
                Files.writeString(output.out, ReportPages.current().render(report), StandardCharsets.UTF_8);
                System.out.println(output.out.toAbsolutePath());
            }
            return 0;
        } catch (StoreOpenException | StoreUnavailableException e) {
            System.err.println("report: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("report: cannot write " + output.out + ": " + e.getMessage());
            return 1;
        }
    }
}
