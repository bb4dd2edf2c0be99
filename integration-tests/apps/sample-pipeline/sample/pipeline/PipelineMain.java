package sample.pipeline;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Runs pipelines as the arguments say: "run NAME DATASET", "source DATASET", "plugin DIR",
 * "throw NAME DATASET" (an uncaught failure), "exit CODE" (System.exit after a run),
 * "connect TARGET KIND DETAIL [KIND DETAIL ...]" (Connector failures, each caught).
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
            default:
                System.out.println("unknown command " + cmd);
                System.exit(64);
        }
    }
}
