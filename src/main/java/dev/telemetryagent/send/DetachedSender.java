package dev.telemetryagent.send;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the sender as a separate, detached JVM, so the application's exit never waits on the network
 * (the design Next.js uses). {@link #run} is its own thread's. Its standard streams go nowhere: a
 * caller capturing the application's output through a pipe is not kept waiting by the sender holding
 * that pipe open.
 */
final class DetachedSender implements Runnable {
    /**
     * The application's network settings that the sender needs to reach the endpoint the same way (a
     * corporate proxy, a private trust store). Nothing else of the application's crosses over.
     */
    private static final String[] FORWARDED_PROPERTIES = {
        "http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort", "http.nonProxyHosts",
        "socksProxyHost", "socksProxyPort", "java.net.useSystemProxies",
        "javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
    };

    /** By name: the exit path has no need to load the sender's class itself. */
    static final String SENDER_MAIN = "dev.telemetryagent.send.SenderMain";

    private static final File SETSID = new File("/usr/bin/setsid");
    private static final File SHELL = new File("/bin/sh");

    /**
     * Runs as {@code sh -c WAIT_THEN_START name PID SPOOL_DIR command...}: waits for PID to end, then
     * starts the command if a spool file exists. A closing terminal's hangup is ignored throughout (the
     * sender inherits that), whether or not setsid gave it a session of its own.
     */
    static final String WAIT_THEN_START = "trap '' HUP; p=$1 d=$2; shift 2; "
            + "tail --pid=\"$p\" -s 0.1 -f /dev/null 2>/dev/null "
            + "|| while kill -0 \"$p\" 2>/dev/null; do sleep 0.1; done; "
            + "for f in \"$d\"/*.jsonl; do [ -e \"$f\" ] && exec \"$@\"; done; exit 0";

    private final File agentJar;
    private final String configPath;
    private final File spoolDir;
    private final Thread thread;
    /** Guarded by this: null until the exit has decided, then whether to start. */
    private Boolean decided;

    private DetachedSender(File agentJar, String configPath, File spoolDir) {
        this.agentJar = agentJar;
        this.configPath = configPath;
        this.spoolDir = spoolDir;
        this.thread = new Thread(this, "telemetry-agent-sender-start");
        thread.setDaemon(true);
    }

    /**
     * Prepares, on a thread of its own, a waiter that starts the sender once this process has ended,
     * and only when the spool then holds files: finding this process's id and building the command
     * load the JDK's process classes (several milliseconds on a cold JVM), which runs beside the exit's
     * opt-out check and its building of the events. Nothing is started before {@link #start}; the
     * sender's JVM does not compete with the exit for the processor. The waiter is no JVM:
     * {@code tail --pid}, or a {@code kill -0} loop where that is missing. Where no shell can wait, the
     * sender is started at once (it waits for spool files itself).
     *
     * @param spoolDir where this process's exit writes its events
     */
    public static DetachedSender prepare(File agentJar, String configPath, File spoolDir) {
        DetachedSender sender = new DetachedSender(agentJar, configPath, spoolDir);
        sender.thread.start();
        return sender;
    }

    /** Lets the prepared waiter start. */
    public void start() {
        decide(true);
    }

    /**
     * Ends the preparation: starts nothing unless {@link #start} came first, else waits at most
     * {@code millis} for the start under way (a preparation left unused is not waited for).
     */
    public void finish(long millis) throws InterruptedException {
        if (decide(false)) {
            thread.join(millis);
        }
    }

    /** Records the first decision; returns the one that stands. */
    private synchronized boolean decide(boolean go) {
        if (decided == null) {
            decided = go;
            notifyAll();
        }
        return decided;
    }

    private synchronized boolean awaitDecision() throws InterruptedException {
        while (decided == null) {
            wait();
        }
        return decided;
    }

    @Override
    public void run() {
        try {
            ProcessBuilder waiter = agentJar == null || !SHELL.canExecute() ? null : process(waiter(spoolDir));
            if (!awaitDecision()) {
                return;
            }
            if (waiter == null || !start(waiter)) {
                spawn();
            }
        } catch (Throwable t) {
            // The events stay in the spool for the next run's sender.
        }
    }

    /** Spawns {@code java -cp <agent jar> SenderMain --config <config>} now: where no shell can wait. */
    private void spawn() {
        if (agentJar != null) {
            start(process(null));
        }
    }

    private static List<String> waiter(File spoolDir) {
        List<String> waiter = new ArrayList<>();
        waiter.add(SHELL.getPath());
        waiter.add("-c");
        waiter.add(WAIT_THEN_START);
        waiter.add("telemetry-agent-sender-waiter");
        waiter.add(Long.toString(ProcessIds.current()));
        waiter.add(spoolDir.getPath());
        return waiter;
    }

    private ProcessBuilder process(List<String> waiter) {
        List<String> cmd = new ArrayList<>();
        // The sender is started through a launcher that forks it and exits at once. The JVM's exit
        // waits up to 300 ms for threads in native code, and the JDK's process reaper sits in
        // waitpid() for as long as its direct child lives: a sender started directly would add
        // 300 ms to the application's exit. setsid also gives the sender a session of its own, so
        // the hangup of a closing terminal or ssh session does not reach it.
        if (SETSID.canExecute()) {
            cmd.add(SETSID.getPath());
            cmd.add("--fork");
        } else if (SHELL.canExecute()) {
            cmd.add(SHELL.getPath());
            cmd.add("-c");
            cmd.add("\"$0\" \"$@\" </dev/null >/dev/null 2>&1 &");
        }
        if (waiter != null) {
            cmd.addAll(waiter);
        }
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-D" + SenderMain.MARKER + "=true");
        // The application's view of home decides where ~ in the config points.
        cmd.add("-Duser.home=" + System.getProperty("user.home"));
        for (String name : FORWARDED_PROPERTIES) {
            String value = System.getProperty(name);
            if (value != null) {
                cmd.add("-D" + name + "=" + value);
            }
        }
        cmd.add("-XX:-UsePerfData");
        cmd.add("-Xms8m");
        cmd.add("-Xmx64m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(agentJar.getPath());
        cmd.add(SENDER_MAIN);
        cmd.add("--config");
        cmd.add(configPath);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // Options meant for the application (an agent among them) must not reach the sender. The
        // environment is copied only then: otherwise the child inherits it as it is, at no cost.
        if (System.getenv("JAVA_TOOL_OPTIONS") != null || System.getenv("JDK_JAVA_OPTIONS") != null
                || System.getenv("_JAVA_OPTIONS") != null) {
            Map<String, String> env = pb.environment();
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("JDK_JAVA_OPTIONS");
            env.remove("_JAVA_OPTIONS");
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb;
    }

    private static boolean start(ProcessBuilder pb) {
        try {
            pb.start();
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    private static boolean isWindows() {
        return File.separatorChar == '\\';
    }
}
