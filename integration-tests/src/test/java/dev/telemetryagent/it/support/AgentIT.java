package dev.telemetryagent.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every integration test starts from: a home directory of its own (the child's HOME and
 * user.home, so its state directory) and a collector on loopback; after each test the collector
 * stops and so do the detached senders the test's runs left behind.
 */
public abstract class AgentIT {
    @TempDir
    protected Path home;

    protected Collector collector;

    @BeforeEach
    void startCollector() throws IOException {
        collector = new Collector();
    }

    @AfterEach
    void stopCollectorAndSenders() throws Exception {
        collector.close();
        SenderProcesses.stop(home);
    }

    /**
     * Waits until no spool file is left anywhere under this test's home: every event the test's runs
     * (which have all ended) wrote has been delivered, so what the collector holds is final, and a test
     * that expects nothing sent sees whatever would have been.
     */
    protected void awaitSpoolsEmpty() throws InterruptedException {
        long deadline = Patience.deadline(Duration.ofSeconds(60));
        while (true) {
            List<Path> left;
            try (Stream<Path> files = Files.walk(home)) {
                left = files.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("spool")
                        && p.getFileName().toString().endsWith(".jsonl") && !p.getFileName().toString().startsWith("."))
                        .collect(Collectors.toList());
            } catch (IOException | java.io.UncheckedIOException goneWhileWalking) {
                // A file was deleted (delivered) while the walk went by: look again.
                left = List.of(home);
            }
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("spool files still undelivered: " + left);
            }
            Thread.sleep(50);
        }
    }

    /** The sample picocli CLI with these arguments, in this test's home. */
    protected ChildJvm cli(String... args) {
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args(args);
    }

    /** The sample pipeline with these arguments, in this test's home. */
    protected ChildJvm pipeline(String... args) {
        return ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain").args(args);
    }
}
