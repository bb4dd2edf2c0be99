package dev.telemetryagent.event;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code exec_info} markers: where the run happens (container, orchestrator, cloud function,
 * scheduler, agent-driven). Cheap: environment variables and the existence of a few files.
 */
public final class ExecutionEnvironment {
    private ExecutionEnvironment() {
    }

    /** Markers for the current process. */
    public static List<String> detect() {
        List<String> info = new ArrayList<>(2);
        if (new File("/.dockerenv").exists()) {
            info.add("docker");
        }
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            info.add("kubernetes");
        }
        return info;
    }
}
