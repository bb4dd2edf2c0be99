package sample.compat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compatibility scenarios, by first argument:
 * "threads T N" and "virtual T N" (T threads each calling Job.hit N times, at once),
 * "threads-deep T N" and "virtual-deep T N" (the same with Job.deep: recursion, and every tenth call fails),
 * "loop GOFILE" (a long-running loop; once GOFILE holds a number K, K more iterations and exit),
 * "--telemetry ANY GOFILE" (the same loop, started with the agent's control option first),
 * "isolated DIR" (a plugin loaded by a loader whose parent is the bootstrap loader),
 * "parallel DIR T COUNT" (COUNT generated classes loaded by T threads at once through parallel-capable loaders).
 */
public final class CompatMain {
    private CompatMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "threads":
                calls(Integer.parseInt(args[1]), Integer.parseInt(args[2]), false);
                break;
            case "virtual":
                calls(Integer.parseInt(args[1]), Integer.parseInt(args[2]), true);
                break;
            case "threads-deep":
                deepCalls(Integer.parseInt(args[1]), Integer.parseInt(args[2]), false);
                break;
            case "virtual-deep":
                deepCalls(Integer.parseInt(args[1]), Integer.parseInt(args[2]), true);
                break;
            case "loop":
                loop(Paths.get(args[1]));
                break;
            case "--telemetry":
                // An application with an option of its own named as the agent's control option.
                loop(Paths.get(args[2]));
                break;
            case "isolated":
                isolated(args[1]);
                break;
            case "parallel":
                parallel(Paths.get(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                break;
            default:
                System.out.println("unknown command " + args[0]);
                System.exit(64);
        }
    }

    private static void calls(int threads, int perThread, boolean virtual) throws Exception {
        Job job = new Job("concurrent");
        AtomicInteger sum = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            Runnable work = new Runnable() {
                @Override
                public void run() {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        sum.addAndGet(job.hit(base + i));
                    }
                }
            };
            Thread thread = virtual ? startVirtual(work) : new Thread(work, "worker-" + t);
            if (thread == null) {
                System.out.println("virtual threads unavailable");
                return;
            }
            if (!virtual) {
                thread.start();
            }
            started.add(thread);
        }
        start.countDown();
        for (Thread t : started) {
            t.join();
        }
        int n = threads * perThread;
        System.out.println("calls=" + n + " sum=" + sum.get() + " expected=" + ((long) n * (n + 1) / 2));
    }

    private static void deepCalls(int threads, int perThread, boolean virtual) throws Exception {
        Job job = new Job("deep");
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            Runnable work = new Runnable() {
                @Override
                public void run() {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        try {
                            job.deep(base + i, i % 3);
                        } catch (IllegalArgumentException e) {
                            failures.incrementAndGet();
                        }
                    }
                }
            };
            Thread thread = virtual ? startVirtual(work) : new Thread(work, "worker-" + t);
            if (thread == null) {
                System.out.println("virtual threads unavailable");
                return;
            }
            if (!virtual) {
                thread.start();
            }
            started.add(thread);
        }
        start.countDown();
        for (Thread t : started) {
            t.join();
        }
        System.out.println("calls=" + threads * perThread + " failures=" + failures.get());
    }

    /** Thread.ofVirtual().start(work) on JDK 21+, by reflection so this compiles for 11; null before 21. */
    private static Thread startVirtual(Runnable work) throws Exception {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            return null;
        }
        Object builder = ofVirtual.invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        return (Thread) start.invoke(builder, work);
    }

    private static void loop(Path goFile) throws Exception {
        Job job = new Job("long-running");
        Task task = new EchoTask();
        System.out.println("ready");
        System.out.flush();
        int i = 0;
        while (!Files.exists(goFile) || Files.size(goFile) == 0) {
            job.step(i++);
            task.perform("warm");
            Thread.sleep(10);
        }
        int more = Integer.parseInt(new String(Files.readAllBytes(goFile), "UTF-8").trim());
        for (int k = 0; k < more; k++) {
            job.step(k);
            task.perform("after");
        }
        System.out.println("done " + more);
    }

    private static void isolated(String dir) throws Exception {
        URL url = new File(dir).toURI().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, null)) {
            Class<?> type = loader.loadClass("sample.plugin.PluginTask");
            Object task = type.getConstructor().newInstance();
            Method run = type.getMethod("run", String.class);
            System.out.println("isolated plugin returned " + run.invoke(task, "payload") + " parent="
                    + loader.getParent());
        }
    }

    private static void parallel(Path dir, int threads, int count) throws Exception {
        URLClassLoader urlLoader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        ClassLoader own = new ParallelLoader(dir);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            Thread thread = new Thread(new Runnable() {
                @Override
                public void run() {
                    try {
                        start.await();
                        List<Integer> order = new ArrayList<>();
                        for (int k = 0; k < count; k++) {
                            order.add(k);
                        }
                        Collections.shuffle(order, new Random(seed));
                        for (ClassLoader loader : new ClassLoader[] {urlLoader, own}) {
                            for (int k : order) {
                                Class<?> type = Class.forName("gen.Task" + k, true, loader);
                                Object task = type.getConstructor().newInstance();
                                type.getMethod("run").invoke(task);
                                runs.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "loader-" + t);
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread t : started) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("parallel loading failed", failure.get());
        }
        System.out.println("runs=" + runs.get());
    }
}
