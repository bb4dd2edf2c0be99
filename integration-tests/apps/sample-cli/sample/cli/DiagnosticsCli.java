package sample.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A tool whose commands fail in the ways failure diagnostics must handle: in a helper class, wrapped;
 * inside a plugin from another code source, on this thread and on a pool thread. How it runs picocli
 * is chosen with {@code -Ddiag.way}: {@code handler:N} (an execution exception handler returning N),
 * {@code strategy} (a custom execution strategy delegating to RunLast), {@code throwing-strategy} (one
 * that throws itself, which picocli turns into exit code 1), else {@code execute} as is.
 */
@Command(name = "diag", subcommands = {DiagnosticsCli.Wrapped.class, DiagnosticsCli.Plugin.class,
        DiagnosticsCli.PluginAsync.class})
public class DiagnosticsCli implements Runnable {
    @Override
    public void run() {
        System.out.println("diag: wrapped, plugin or plugin-async");
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new DiagnosticsCli());
        String way = System.getProperty("diag.way", "");
        if (way.startsWith("handler:")) {
            int code = Integer.parseInt(way.substring("handler:".length()));
            cl.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
                System.out.println("handled " + ex.getClass().getSimpleName());
                return code;
            });
        } else if (way.equals("throwing-strategy")) {
            cl.setExecutionStrategy(parsed -> {
                throw new IllegalArgumentException("this strategy refuses " + parsed.originalArgs());
            });
        } else if (way.equals("strategy")) {
            cl.setExecutionStrategy(parsed -> {
                System.out.println("strategy");
                return new CommandLine.RunLast().execute(parsed);
            });
        }
        System.exit(cl.execute(args));
    }

    @Command(name = "wrapped", description = "Fails in a helper class, wrapped.")
    static class Wrapped implements Callable<Integer> {
        @Option(names = "--path")
        String path = "/home/alice/store.db";

        @Override
        public Integer call() {
            return Store.open(path);
        }
    }

    @Command(name = "plugin", description = "Runs a plugin from another code source, which fails.")
    static class Plugin implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return plugin().get();
        }
    }

    @Command(name = "plugin-async", description = "Runs the failing plugin on a pool thread.")
    static class PluginAsync implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return CompletableFuture.supplyAsync(plugin()).join();
        }
    }

    @SuppressWarnings("unchecked")
    static Supplier<Integer> plugin() throws Exception {
        return (Supplier<Integer>) Class.forName("sample.cliplugin.Exploder").getConstructor().newInstance();
    }
}
