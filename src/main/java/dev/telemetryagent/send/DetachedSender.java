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
            cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            cmd.add("-D" + SenderMain.MARKER + "=true");
            // The application's view of home decides where ~ in the config points.
            cmd.add("-Duser.home=" + System.getProperty("user.home"));
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
