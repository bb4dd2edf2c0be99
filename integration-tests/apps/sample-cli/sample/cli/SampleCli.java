package sample.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A small picocli tool, the kind the agent is attached to: nested subcommands, options, failures, exit codes. */
@Command(name = "sample", mixinStandardHelpOptions = true, version = "sample 1.0",
        subcommands = {SampleCli.Hello.class, SampleCli.Data.class, SampleCli.Fail.class, SampleCli.Exit.class})
public class SampleCli implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, description = "Say more.")
    boolean verbose;

    @Override
    public Integer call() {
        System.out.println("sample: try 'sample hello'");
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new SampleCli()).execute(args);
        System.exit(code);
    }

    @Command(name = "hello", description = "Greets someone.")
    static class Hello implements Callable<Integer> {
        @Option(names = {"-n", "--name"}, description = "Who to greet.")
        String name = "world";

        @Option(names = "--shout")
        boolean shout;

        @Override
        public Integer call() {
            String greeting = "Hello, " + name + "!";
            System.out.println(shout ? greeting.toUpperCase() : greeting);
            return 0;
        }
    }

    @Command(name = "data", description = "Data commands.", subcommands = {Data.Load.class, Data.Export.class})
    static class Data implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println("data: load or export");
            return 0;
        }

        @Command(name = "load", description = "Loads a file.")
        static class Load implements Callable<Integer> {
            @Option(names = "--table", description = "Target table.")
            String table = "events";

            @Option(names = "--dry-run")
            boolean dryRun;

            @Parameters(index = "0", description = "File to load.")
            String file;

            @Override
            public Integer call() {
                System.out.println("loaded " + file + " into " + table + (dryRun ? " (dry run)" : ""));
                return 0;
            }
        }

        @Command(name = "export", description = "Exports a table.")
        static class Export implements Callable<Integer> {
            @Override
            public Integer call() {
                System.out.println("exported");
                return 0;
            }
        }
    }

    @Command(name = "fail", description = "Fails with an exception.")
    static class Fail implements Callable<Integer> {
        @Option(names = "--password")
        String password;

        @Override
        public Integer call() throws Exception {
            throw new IllegalStateException("cannot open /home/alice/secret.txt with password=" + password);
        }
    }

    @Command(name = "exit", description = "Exits with the given code.")
    static class Exit implements Callable<Integer> {
        @Parameters(index = "0")
        int code;

        @Override
        public Integer call() {
            System.out.println("exiting with " + code);
            return code;
        }
    }
}
