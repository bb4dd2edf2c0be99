package dev.telemetryagent.send;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the sender as a separate, detached JVM, so the application's exit never waits on the network
 * (the design Next.js uses). Its standard streams go nowhere: a caller capturing the application's
 * output through a pipe is not kept waiting by the sender holding that pipe open.
 */
public final class DetachedSender {
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

    private DetachedSender() {
    }

    /**
     * Spawns {@code java -cp <agent jar> SenderMain --config <config>} now: where no shell can wait.
     *
     * @return whether the process was started
     */
    private static boolean spawn(File agentJar, String configPath) {
        return start(agentJar, configPath, null);
    }

    /**
     * Starts, on a thread of its own, a waiter that starts the sender once this process has ended, and
     * only when the spool then holds files: the application's exit goes on meanwhile (it writes the
     * spool file), and the sender's JVM does not compete with the exit for the processor. The waiter is
     * no JVM: {@code tail --pid}, or a {@code kill -0} loop where that is missing. Where no shell can
     * wait, the sender is started at once (it waits for spool files itself).
     *
     * @param spoolDir where this process's exit writes its events
     * @return the thread starting it, to be joined before the exit ends
     */
    public static Thread startAfterExit(final File agentJar, final String configPath, final File spoolDir) {
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                if (!SHELL.canExecute() || !start(agentJar, configPath, waiter(spoolDir))) {
                    spawn(agentJar, configPath);
                }
            }
        }, "telemetry-agent-sender-start");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<String> waiter(File spoolDir) {
        List<String> waiter = new ArrayList<>();
        waiter.add(SHELL.getPath());
        waiter.add("-c");
        waiter.add(WAIT_THEN_START);
        waiter.add("telemetry-agent-sender-waiter");
        waiter.add(Long.toString(ProcessHandle.current().pid()));
        waiter.add(spoolDir.getPath());
        return waiter;
    }

    private static boolean start(File agentJar, String configPath, List<String> waiter) {
        if (agentJar == null) {
            return false;
        }
        try {
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
            Map<String, String> env = pb.environment();
            // Options meant for the application (an agent among them) must not reach the sender.
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("JDK_JAVA_OPTIONS");
            env.remove("_JAVA_OPTIONS");
            pb.redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
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
