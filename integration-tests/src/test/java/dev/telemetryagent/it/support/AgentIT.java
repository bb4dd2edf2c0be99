package dev.telemetryagent.it.support;

import java.io.IOException;
import java.nio.file.Path;
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

    /** The sample picocli CLI with these arguments, in this test's home. */
    protected ChildJvm cli(String... args) {
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args(args);
    }

    /** The sample pipeline with these arguments, in this test's home. */
    protected ChildJvm pipeline(String... args) {
        return ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain").args(args);
    }
}
