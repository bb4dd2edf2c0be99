package sample.pipeline;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Runs pipelines as the arguments say: "run NAME DATASET", "source DATASET", "plugin DIR",
 * "throw NAME DATASET" (an uncaught failure), "exit CODE" (System.exit after a run), "flood CALLS" (one
 * method called very many times; its own loop time on stderr), "serve SECONDS" (a long run with a pipeline
 * run every half second), "threads" (a run, then the names of the live threads).
 */
public final class PipelineMain {
    private PipelineMain() {
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
                new Pipeline("threads", "duckdb").run("ds");
                java.util.List<String> names = new java.util.ArrayList<>();
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    names.add(t.getName());
                }
                java.util.Collections.sort(names);
                System.out.println("threads=" + names);
                break;
            }
            default:
                System.out.println("unknown command " + cmd);
                System.exit(64);
        }
    }
}
