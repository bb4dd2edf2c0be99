package dev.telemetryagent.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar telemetry-collector.jar serve|report ...}: the collector's entry point. */
@Command(name = "telemetry-collector", mixinStandardHelpOptions = true, versionProvider = CollectorVersion.class,
        description = "Receives telemetry-agent's json batches, stores each event once, and reports on them.",
        subcommands = {ServeCommand.class, ReportCommand.class})
public final class CollectorMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve or report");
    }

    /** Runs the command line and exits with its status (1 on any failure, 2 on a usage error). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CollectorMain()).execute(args));
    }
}
