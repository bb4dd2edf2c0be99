package sample.boot;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A picocli command inside a Spring Boot executable jar: picocli itself is a nested jar. */
@Command(name = "boot", subcommands = {BootCli.Greet.class})
public class BootCli implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("boot: try 'boot greet'");
        return 0;
    }

    public static void main(String[] args) {
        System.out.println("loader=" + BootCli.class.getClassLoader().getClass().getName());
        int code = new CommandLine(new BootCli()).execute(args);
        System.exit(code);
    }

    @Command(name = "greet")
    static class Greet implements Callable<Integer> {
        @Option(names = "--name")
        String name = "world";

        @Override
        public Integer call() {
            System.out.println("Hello, " + name + "!");
            return 3;
        }
    }
}
