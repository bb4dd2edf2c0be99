package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionEnvironmentTest {
    @TempDir
    Path root;

    private final Map<String, String> env = new HashMap<>();

    private List<String> detect() {
        return ExecutionEnvironment.detect(env, root.toFile());
    }

    private void file(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void plainMachineHasNoMarkers() throws IOException {
        file("proc/self/cgroup", "0::/user.slice/user-1000.slice/session-2.scope\n");
        file("proc/self/mountinfo", "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n");
        file("proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        env.put("HOME", "/home/x");
        assertEquals(List.of(), detect());
    }

    @Test
    void dockerByDockerenv() throws IOException {
        file(".dockerenv", "");
        assertEquals(List.of("docker"), detect());
    }

    @Test
    void dockerByCgroupV1() throws IOException {
        file("proc/self/cgroup", "12:memory:/docker/3f4e5a6b7c8d9e0f\n");
        assertEquals(List.of("docker"), detect());
    }

    @Test
    void dockerByCgroupV2Mountinfo() throws IOException {
        file("proc/self/cgroup", "0::/\n");
        file("proc/self/mountinfo", "612 600 0:52 / / rw - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X\n"
                + "640 612 8:1 /var/lib/docker/containers/3f4e/hostname /etc/hostname rw - ext4 /dev/sda1 rw\n");
        assertEquals(List.of("docker"), detect());
    }

    @Test
    void podmanByContainerenvIsNotAlsoDocker() throws IOException {
        file("run/.containerenv", "engine=\"podman-4.9\"\n");
        file("proc/self/mountinfo", "1 0 0:1 / / rw - overlay overlay rw,lowerdir=/var/lib/containers/storage\n");
        assertEquals(List.of("podman"), detect());
    }

    @Test
    void kubernetesByServiceHostOrKubepods() throws IOException {
        env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        assertEquals(List.of("kubernetes"), detect());
        env.clear();
        file("proc/self/cgroup", "11:cpu:/kubepods/burstable/pod1234/abcd\n");
        assertEquals(List.of("kubernetes"), detect());
    }

    @Test
    void wslByEnvironmentOrKernelRelease() throws IOException {
        env.put("WSL_DISTRO_NAME", "Ubuntu");
        assertEquals(List.of("wsl"), detect());
        env.clear();
        file("proc/sys/kernel/osrelease", "5.15.146.1-microsoft-standard-WSL2\n");
        assertEquals(List.of("wsl"), detect());
    }

    @Test
    void devEnvironmentsAndClouds() {
        env.put("CODESPACES", "true");
        env.put("GITPOD_WORKSPACE_ID", "ws-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "fn");
        env.put("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/x");
        env.put("FUNCTIONS_WORKER_RUNTIME", "java");
        assertEquals(List.of("codespaces", "gitpod", "aws_lambda", "aws_ecs", "azure_functions"), detect());
    }

    @Test
    void googleCloudRunAndFunctionsAreTold() {
        env.put("K_SERVICE", "svc");
        env.put("K_REVISION", "svc-001");
        assertEquals(List.of("gcp_cloud_run"), detect());
        env.put("FUNCTION_TARGET", "handler");
        assertEquals(List.of("gcp_cloud_functions"), detect());
        env.clear();
        env.put("CLOUD_RUN_JOB", "job");
        assertEquals(List.of("gcp_cloud_run"), detect());
    }

    @Test
    void airflowAndAgents() {
        env.put("AIRFLOW_CTX_DAG_ID", "etl");
        env.put("CLAUDECODE", "1");
        env.put("CURSOR_AGENT", "1");
        env.put("CODEX_SANDBOX", "seatbelt");
        env.put("GEMINI_CLI", "1");
        assertEquals(List.of("airflow", "claude_code", "cursor_agent", "codex", "gemini_cli"), detect());
    }

    @Test
    void emptyVariablesDoNotCount() {
        env.put("KUBERNETES_SERVICE_HOST", "");
        env.put("CLAUDECODE", "");
        env.put("CODESPACES", "false");
        assertEquals(List.of(), detect());
    }

    @Test
    void largeProcFilesAreReadOnlyUpToTheBound() throws IOException {
        file("proc/self/mountinfo", "x".repeat(ExecutionEnvironment.MAX_READ) + " /docker/abc\n");
        assertEquals(List.of(), detect());
    }
}
