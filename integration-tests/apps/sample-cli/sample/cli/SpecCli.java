package sample.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * A tool that builds its commands in code, as Liquibase does, with its own execution strategy that
 * turns failures into exit codes, as jbang does.
 */
public final class SpecCli {
    private SpecCli() {
    }

    public static void main(String[] args) {
        CommandSpec root = CommandSpec.create().name("spec");
        root.addOption(OptionSpec.builder("--log-level").paramLabel("LEVEL").type(String.class).build());
        CommandSpec update = CommandSpec.create().name("update");
        update.addOption(OptionSpec.builder("--changelog-file").paramLabel("FILE").type(String.class).build());
        update.addOption(OptionSpec.builder("--url").paramLabel("URL").type(String.class).build());
        update.addPositional(PositionalParamSpec.builder().arity("0..1").type(String.class).build());
        root.addSubcommand("update", update);
        CommandLine cl = new CommandLine(root);
        cl.setExecutionStrategy(SpecCli::run);
        System.exit(cl.execute(args));
    }

    private static int run(ParseResult parsed) {
        ParseResult sub = parsed.subcommand();
        if (sub == null) {
            System.out.println("spec: try 'spec update'");
            return 0;
        }
        String url = sub.matchedOptionValue("--url", "");
        if (url.startsWith("jdbc:crash")) {
            throw new IllegalStateException("cannot connect to " + url);
        }
        if (url.startsWith("jdbc:broken")) {
            System.out.println("update failed");
            return 5;
        }
        System.out.println("updated " + sub.matchedOptionValue("--changelog-file", "db.changelog.xml"));
        return 0;
    }
}
