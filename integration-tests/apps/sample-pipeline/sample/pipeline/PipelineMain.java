package sample.pipeline;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Runs pipelines as the arguments say: "run NAME DATASET", "source DATASET", "plugin DIR",
 * "throw NAME DATASET" (an uncaught failure), "exit CODE" (System.exit after a run),
 * "connect TARGET KIND DETAIL [KIND DETAIL ...]" (Connector failures, each caught), "flood CALLS" (one
 * method called very many times; its own loop time on stderr), "serve SECONDS" (a long run with a pipeline
 * run every half second), "threads" (lists the JVM's threads and shutdown hooks after a run),
 * "wait DIR" (a long run that ends when DIR/go appears), "flood-trivial CALLS" (a trivial method called
 * very many times), "flood-run CALLS" (the same calls made by one run-level method, Rows.all),
 * "burst CALLS [DIR]" (a method called CALLS times, then the JVM's threads listed; with
 * DIR, the run then says so in DIR/started and ends when DIR/go appears), "trustall CALLS DIR" (makes a
 * trust-all TLS context and a permissive hostname verifier the JVM's defaults, as careless applications
 * do, calls a method CALLS times, then goes on calling it every 20 ms until DIR/go appears).
 */
public final class PipelineMain {
    private PipelineMain() {
    }

    /** Registered shutdown hooks (needs --add-opens java.base/java.lang=ALL-UNNAMED), or -1 when hidden. */
    private static int shutdownHooks() {
        try {
            Class<?> type = Class.forName("java.lang.ApplicationShutdownHooks");
            java.lang.reflect.Field hooks = type.getDeclaredField("hooks");
            hooks.setAccessible(true);
            synchronized (type) {
                return ((java.util.Map<?, ?>) hooks.get(null)).size();
            }
        } catch (Exception e) {
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        String cmd = args[0];
        switch (cmd) {
            case "run": {
                LoadReport r = new Pipeline(args[1], "duckdb").run(args[2]);
                System.out.println("status=" + r.getStatus() + " rows=" + r.rows());
                break;
            }
            case "try": {
                try {
                    new Pipeline(args[1], "duckdb").run(args[2]);
                } catch (Exception e) {
                    System.out.println("caught " + e.getClass().getSimpleName() + ": same=" + (e == Pipeline.lastThrown()));
                }
                break;
            }
            case "throw":
                new Pipeline(args[1], "duckdb").run(args[2]);
                break;
            case "exit":
                new Pipeline("exit-pipeline", "duckdb").run("ds");
                System.out.println("exiting");
                System.exit(Integer.parseInt(args[1]));
                break;
            case "connect": {
                Connector connector = new Connector(args[1]);
                for (int i = 2; i + 1 < args.length; i += 2) {
                    try {
                        connector.connect(args[i], args[i + 1]);
                        System.out.println("connected");
                    } catch (Exception e) {
                        System.out.println("caught " + e.getClass().getSimpleName());
                    }
                }
                break;
            }
            case "plugin": {
                // A loader whose parent is the platform loader: it cannot see the application class path
                // nor the agent jar.
                URL url = new File(args[1]).toURI().toURL();
                try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader())) {
                    Class<?> type = loader.loadClass("sample.plugin.PluginTask");
                    Object task = type.getConstructor().newInstance();
                    Method run = type.getMethod("run", String.class);
                    System.out.println("plugin returned " + run.invoke(task, "payload"));
                }
                break;
            }
            case "flood": {
                int calls = Integer.parseInt(args[1]);
                Rows rows = new Rows(7);
                long sum = 0;
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sum += rows.checksum(i);
                }
                long millis = (System.nanoTime() - start) / 1_000_000L;
                System.out.println("flood sum=" + sum);
                System.err.println("loop_ms=" + millis);
                break;
            }
            case "flood-trivial": {
                int calls = Integer.parseInt(args[1]);
                Rows rows = new Rows(7);
                long sum = 0;
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sum += rows.next(i);
                }
                long millis = (System.nanoTime() - start) / 1_000_000L;
                System.out.println("flood sum=" + sum);
                System.err.println("loop_ms=" + millis);
                break;
            }
            case "flood-run": {
                long sum = new Rows(7).all(Integer.parseInt(args[1]));
                System.out.println("flood sum=" + sum);
                break;
            }
            case "burst": {
                int calls = Integer.parseInt(args[1]);
                Rows rows = new Rows(7);
                long sum = 0;
                for (int i = 0; i < calls; i++) {
                    sum += rows.next(i);
                }
                java.util.List<String> names = new java.util.ArrayList<>();
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    names.add(t.getName());
                }
                java.util.Collections.sort(names);
                System.out.println("burst sum=" + sum + " threads=" + names);
                if (args.length > 2) {
                    File dir = new File(args[2]);
                    new File(dir, "started").createNewFile();
                    File go = new File(dir, "go");
                    long deadline = System.currentTimeMillis() + 60_000;
                    while (!go.exists() && System.currentTimeMillis() < deadline) {
                        Thread.sleep(20);
                    }
                }
                break;
            }
            case "serve": {
                long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
                int runs = 0;
                while (System.nanoTime() < end) {
                    new Pipeline("served", "duckdb").run("ds" + runs);
                    runs++;
                    Thread.sleep(500);
                }
                System.out.println("served");
                break;
            }
            case "threads": {
                // What the JVM runs besides main: an agent that opted out must add no thread and no hook.
                new Pipeline("threads-pipeline", "duckdb").run("ds");
                java.util.List<String> names = new java.util.ArrayList<>();
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    names.add(t.getName());
                }
                java.util.Collections.sort(names);
                System.out.println("threads=" + names + " shutdown_hooks=" + shutdownHooks());
                break;
            }
            case "wait": {
                // Runs a pipeline, says so in DIR/started, then waits for DIR/go before it ends.
                new Pipeline("waiting-pipeline", "duckdb").run("ds");
                File dir = new File(args[1]);
                new File(dir, "started").createNewFile();
                File go = new File(dir, "go");
                long deadline = System.currentTimeMillis() + 60_000;
                while (!go.exists() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                System.out.println("done waiting");
                break;
            }
            case "trustall": {
                TrustAll.install();
                Rows rows = new Rows(7);
                long sum = 0;
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    sum += rows.checksum(i);
                }
                System.out.println("sum=" + sum);
                File dir = new File(args[2]);
                new File(dir, "started").createNewFile();
                File go = new File(dir, "go");
                long deadline = System.currentTimeMillis() + 120_000;
                // A long run keeps working: its calls are what starts delivery once the run has lasted.
                while (!go.exists() && System.currentTimeMillis() < deadline) {
                    rows.checksum(0);
                    Thread.sleep(20);
                }
                break;
            }
            default:
                System.out.println("unknown command " + cmd);
                System.exit(64);
        }
    }
}
