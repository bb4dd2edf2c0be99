package dev.telemetryagent.event;

import dev.telemetryagent.state.FileReads;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code exec_info} markers: where the run happens (container, orchestrator, cloud function,
 * scheduler, dev environment, AI coding agent). Cheap: environment variables, the existence of two
 * files, and at most three small {@code /proc} files read with a size bound. Computed when events are
 * built, never at startup. Markers only, never a value read from the environment.
 */
public final class ExecutionEnvironment {
    /** Bytes read at most from one {@code /proc} file. */
    static final int MAX_READ = 64 * 1024;

    private ExecutionEnvironment() {
    }

    /** Markers for the current process. */
    public static List<String> detect() {
        return detect(System.getenv(), new File("/"));
    }

    /**
     * Markers for a process with this environment and file system.
     *
     * @param root where {@code /.dockerenv}, {@code /run/.containerenv} and {@code /proc} are looked up
     */
    public static List<String> detect(Map<String, String> env, File root) {
        List<String> info = new ArrayList<>(2);
        String cgroups = read(new File(root, "proc/self/cgroup")) + read(new File(root, "proc/self/mountinfo"));
        boolean podman = new File(root, "run/.containerenv").exists() || "podman".equals(env.get("container"));
        if (!podman && (new File(root, ".dockerenv").exists() || cgroups.contains("/docker/")
                || cgroups.contains("/docker-") || cgroups.contains("/var/lib/docker/"))) {
            info.add("docker");
        }
        if (podman) {
            info.add("podman");
        }
        if (has(env, "KUBERNETES_SERVICE_HOST") || cgroups.contains("kubepods")) {
            info.add("kubernetes");
        }
        if (has(env, "WSL_DISTRO_NAME") || has(env, "WSL_INTEROP")
                || read(new File(root, "proc/sys/kernel/osrelease")).toLowerCase(java.util.Locale.ROOT)
                        .contains("microsoft")) {
            info.add("wsl");
        }
        if ("true".equals(env.get("CODESPACES"))) {
            info.add("codespaces");
        }
        if (has(env, "GITPOD_WORKSPACE_ID")) {
            info.add("gitpod");
        }
        if (has(env, "AWS_LAMBDA_FUNCTION_NAME")) {
            info.add("aws_lambda");
        }
        if (has(env, "ECS_CONTAINER_METADATA_URI_V4") || has(env, "ECS_CONTAINER_METADATA_URI")) {
            info.add("aws_ecs");
        }
        if (has(env, "FUNCTION_TARGET") || has(env, "X_GOOGLE_FUNCTION_NAME")
                || (has(env, "FUNCTION_NAME") && has(env, "GCP_PROJECT"))) {
            info.add("gcp_cloud_functions");
        } else if ((has(env, "K_SERVICE") && has(env, "K_REVISION")) || has(env, "CLOUD_RUN_JOB")) {
            info.add("gcp_cloud_run");
        }
        if (has(env, "FUNCTIONS_WORKER_RUNTIME")) {
            info.add("azure_functions");
        }
        boolean airflow = false;
        boolean codex = false;
        for (String key : env.keySet()) {
            airflow |= key.startsWith("AIRFLOW_CTX_");
            codex |= key.startsWith("CODEX_");
        }
        if (airflow) {
            info.add("airflow");
        }
        if (has(env, "CLAUDECODE")) {
            info.add("claude_code");
        }
        if (has(env, "CURSOR_AGENT")) {
            info.add("cursor_agent");
        }
        if (codex) {
            info.add("codex");
        }
        if (has(env, "GEMINI_CLI")) {
            info.add("gemini_cli");
        }
        return info;
    }

    private static boolean has(Map<String, String> env, String key) {
        String v = env.get(key);
        return v != null && !v.isEmpty();
    }

    /** The start of a small file, or "" when it cannot be read. */
    private static String read(File f) {
        String text = FileReads.head(f, MAX_READ);
        return text == null ? "" : text;
    }
}
