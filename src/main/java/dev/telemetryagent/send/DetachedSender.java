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

    private static final File SETSID = new File("/usr/bin/setsid");

    private DetachedSender() {
    }

    /**
     * Spawns {@code java -cp <agent jar> SenderMain --config <config>}.
     *
     * @return whether the process was started
     */
    public static boolean spawn(File agentJar, String configPath) {
        if (agentJar == null) {
            return false;
        }
        try {
            List<String> cmd = new ArrayList<>();
            if (SETSID.canExecute()) {
                // A session of its own: closing the terminal (or an ssh session) right after the
                // application ends sends SIGHUP to the application's process group, not to the sender.
                cmd.add(SETSID.getPath());
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
            cmd.add(SenderMain.class.getName());
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
