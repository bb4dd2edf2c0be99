package acme;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The maintainer's tool: one command, nothing else. */
@Command(name = "acme", subcommands = {Acme.Greet.class})
public class Acme implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("acme: try 'acme greet'");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Acme()).execute(args));
    }

    @Command(name = "greet")
    static class Greet implements Callable<Integer> {
        @Option(names = "--name")
        String name = "world";

        @Override
        public Integer call() {
            System.out.println("Hello, " + name + "!");
            return 0;
        }
    }
}
