package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SenderProcesses;
import dev.telemetryagent.it.support.StateDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the agent keeps on disk for an application: after one cold run (which extracts the weaver and
 * caches the woven classes) the state directory holds at most 5 MB, and after {@code disable} nothing
 * of it is left but the user's choice, the anonymous id and the log of what was sent.
 */
class FootprintIT extends AgentIT {
    private static final long MAX_STATE_BYTES = 5_000_000L;

    /** Every regular file under the directory, by relative path, with its size. */
    private static Map<String, Long> files(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)) {
                    out.put(dir.relativize(p).toString(), Files.size(p));
                }
            }
        }
        return out;
    }

    @Test
    void oneColdRunKeepsAtMostFiveMegabytesAndDisableRemovesIt() throws Exception {
        Path config = ChildJvm.write(home, "agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.picocli() + Configs.pipeline());
        Path state = home.resolve(".sample");
        ChildJvm.Result run = pipeline("run", "orders", "customers").config(config).run();
        assertEquals(0, run.exitCode, run.toString());
        collector.awaitRequests(1, Duration.ofSeconds(15));
        StateDirs.awaitDelivered(state);
        SenderProcesses.awaitNone(home, Duration.ofSeconds(30));

        Map<String, Long> files = files(state);
        long total = files.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("FootprintIT: state directory after one cold run, " + total + " bytes: " + files);
        assertTrue(files.keySet().stream().anyMatch(f -> f.startsWith("cache/weaver-")), "the weaver was extracted: "
                + files);
        assertTrue(total <= MAX_STATE_BYTES, total + " bytes: " + files);

        ChildJvm.Result disable = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", config.toString(), "disable").run();
        assertEquals(0, disable.exitCode, disable.toString());
        Set<String> left = files(state).keySet();
        assertTrue(Set.of("telemetry.toml", "anonymous_id", "sent.jsonl").containsAll(left),
                "left after disable: " + left);
        assertTrue(left.contains("telemetry.toml"), "the choice is kept: " + left);
    }
}
