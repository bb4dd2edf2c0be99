package dev.telemetryagent.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The context block shared by every event of a run: platform, versions, execution environment, run id. */
public final class EventContext {
    private EventContext() {
    }

    /**
     * Builds the context map.
     *
     * @param ciRun whether this run is in CI (sent only when {@code ci = "tag"} lets it send at all)
     * @param execInfo execution environment markers ({@code docker}, {@code kubernetes}, ...)
     * @param projectHash the salted hash of the project root, or null when not configured
     */
    public static Map<String, Object> build(boolean ciRun, List<String> execInfo, String appName, String appVersion,
            String agentVersion, String runId, String projectHash) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("ci_run", ciRun);
        c.put("cpu", Runtime.getRuntime().availableProcessors());
        c.put("exec_info", execInfo);
        c.put("library", pair("name", appName, "version", appVersion));
        c.put("agent", pair("name", "telemetry-agent", "version", agentVersion));
        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name", "unknown"));
        os.put("version", System.getProperty("os.version", "unknown"));
        os.put("arch", System.getProperty("os.arch", "unknown"));
        c.put("os", os);
        c.put("java", System.getProperty("java.version", "unknown"));
        c.put("run_id", runId);
        if (projectHash != null) {
            c.put("project_hash", projectHash);
        }
        return Collections.unmodifiableMap(c);
    }

    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
