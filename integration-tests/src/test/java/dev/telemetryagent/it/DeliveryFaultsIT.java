package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.FaultServer;
import dev.telemetryagent.it.support.SampleApps;
import dev.telemetryagent.it.support.SenderProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every network fault, met by the detached sender and never by the application: same stdout, same exit
 * code, no agent output, and an exit that does not wait for the network. Timeouts are set to 20 s here,
 * so an exit that waited on the network would take that long; the fine measurement of exit latency is
 * bench/exit-latency, not these tests.
 */
class DeliveryFaultsIT extends AgentIT {
    private static final int NETWORK_TIMEOUT_MS = 20_000;
    /** Far below NETWORK_TIMEOUT_MS, far above a JVM's start on a loaded machine. */
    private static final long NOT_WAITING_MS = 10_000;

    private ChildJvm.Result plain;

    @BeforeEach
    void setUp() throws Exception {
        plain = cli().withoutAgent().run();
    }

    private ChildJvm cli() {
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args("hello");
    }

    private Path config(String endpoint) {
        return ChildJvm.write(home, "agent-config.toml", Configs.header("") + "[sender]\nendpoint = \"" + endpoint
                + "\"\ntimeout_ms = " + NETWORK_TIMEOUT_MS + "\n\n" + Configs.picocli());
    }

    /** Runs the CLI under the agent and checks the application saw nothing of the endpoint's trouble. */
    private ChildJvm.Result runUnaffected(ChildJvm child) {
        ChildJvm.Result r = child.run();
        assertEquals(plain.exitCode, r.exitCode, r.toString());
        assertEquals(plain.stdout, r.stdout);
        assertTrue(r.agentLines().isEmpty(), r.stderr);
        // ChildJvm.run also waits for the child's stdout and stderr to close: a sender holding them would
        // keep this run going for as long as it works.
        assertTrue(r.millis < NOT_WAITING_MS, "the exit waited on the network: " + r.millis + " ms");
        return r;
    }

    private JsonNode awaitFailureRecorded() throws Exception {
        return SenderProcesses.awaitStats(home, s -> s.has("last_failure"), Duration.ofSeconds(15));
    }

    @Test
    void refusedEndpointLeavesTheEventsSpooledForALaterRun() throws Exception {
        runUnaffected(cli().config(config("http://127.0.0.1:" + FaultServer.refusedPort() + "/e")));
        assertEquals("java.net.ConnectException", awaitFailureRecorded().path("last_failure").asText());
        SenderProcesses.stop(home);
        assertEquals(1, SenderProcesses.spoolFiles(home).size(), "the undelivered run waits in the spool");

        runUnaffected(cli().config(config(collector.url() + "/e")));
        List<JsonNode> events = collector.awaitJsonEvents(2, Duration.ofSeconds(10));
        assertEquals(2, events.size(), "the earlier run's event left with the later run's");
        SenderProcesses.awaitNone(home, Duration.ofSeconds(10));
        assertTrue(SenderProcesses.spoolFiles(home).isEmpty());
        assertEquals(2, SenderProcesses.sentLog(home).size());
    }

    @Test
    void blackHoleEndpoint() throws Exception {
        try (FaultServer blackHole = new FaultServer(FaultServer.Mode.BLACK_HOLE)) {
            runUnaffected(cli().config(config(blackHole.url() + "/e")));
            blackHole.awaitConnections(1, Duration.ofSeconds(10));
            assertEquals(1, SenderProcesses.spoolFiles(home).size(), "kept while undelivered");
        }
    }

    @Test
    void slowDripResponse() throws Exception {
        try (FaultServer slow = new FaultServer(FaultServer.Mode.SLOW)) {
            runUnaffected(cli().config(config(slow.url() + "/e")));
            slow.awaitConnections(1, Duration.ofSeconds(10));
        }
    }

    @Test
    void garbageResponse() throws Exception {
        try (FaultServer garbage = new FaultServer(FaultServer.Mode.GARBAGE)) {
            runUnaffected(cli().config(config(garbage.url() + "/e")));
            garbage.awaitConnections(1, Duration.ofSeconds(10));
            JsonNode stats = awaitFailureRecorded();
            assertTrue(stats.path("last_failure").asText().startsWith("java."), stats.toString());
        }
    }

    @Test
    void tlsHandshakeFailure() throws Exception {
        try (FaultServer notTls = new FaultServer(FaultServer.Mode.GARBAGE)) {
            runUnaffected(cli().config(config("https://127.0.0.1:" + notTls.port() + "/e")));
            notTls.awaitConnections(1, Duration.ofSeconds(10));
            // The JDK reports a peer that answers a TLS hello with garbage as an SSL exception or, when
            // the peer has already closed, as a plain IOException: either way, a recorded failure.
            String failure = awaitFailureRecorded().path("last_failure").asText();
            assertTrue(failure.contains("SSL") || failure.equals("java.io.IOException"),
                    SenderProcesses.stats(home).toString());
        }
    }

    @Test
    void unresolvableName() throws Exception {
        runUnaffected(cli().config(config("https://telemetry-collector.invalid/e")));
        JsonNode stats = awaitFailureRecorded();
        assertTrue(stats.path("last_failure").asText().startsWith("java.net."), stats.toString());
        assertFalse(stats.toString().contains("invalid"), "no host name in the counters");
    }

    @Test
    void hangingProxy() throws Exception {
        try (FaultServer proxy = new FaultServer(FaultServer.Mode.BLACK_HOLE)) {
            // An empty nonProxyHosts sends even loopback traffic through the proxy.
            runUnaffected(cli().config(config(collector.url() + "/e")).jvmArg("-Dhttp.proxyHost=127.0.0.1")
                    .jvmArg("-Dhttp.proxyPort=" + proxy.port()).jvmArg("-Dhttp.nonProxyHosts="));
            proxy.awaitConnections(1, Duration.ofSeconds(10));
            Thread.sleep(300);
            assertEquals(0, collector.requestCount(), "everything went to the proxy, which never answered");
        }
    }

    @Test
    void serverErrorIsRetriedAndTheEventStillArrives() throws Exception {
        collector.respondWith((r, n) -> n == 1 ? 500 : 200);
        runUnaffected(cli().config(config(collector.url() + "/e")));
        collector.awaitRequests(2, Duration.ofSeconds(10));
        assertEquals(collector.requests().get(0).bodyText(), collector.requests().get(1).bodyText());
        SenderProcesses.awaitNone(home, Duration.ofSeconds(10));
        assertEquals(2, collector.requestCount());
        assertEquals(1, SenderProcesses.sentLog(home).size());
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() throws Exception {
        collector.respondWith((r, n) -> n == 1 ? 429 : 200);
        collector.retryAfter("2");
        runUnaffected(cli().config(config(collector.url() + "/e")));
        long first = System.nanoTime();
        collector.awaitRequests(1, Duration.ofSeconds(10));
        collector.awaitRequests(2, Duration.ofSeconds(10));
        assertTrue(System.nanoTime() - first >= 1_500_000_000L, "the second attempt came after Retry-After");
        SenderProcesses.awaitNone(home, Duration.ofSeconds(10));
        assertEquals(1, SenderProcesses.sentLog(home).size());
    }

    @Test
    void clientErrorDropsAndCountsWithoutRetrying() throws Exception {
        collector.respondWith((r, n) -> 400);
        runUnaffected(cli().config(config(collector.url() + "/e")));
        JsonNode stats = SenderProcesses.awaitStats(home, s -> s.path("rejected").asInt() == 1,
                Duration.ofSeconds(10));
        assertEquals("HTTP 400", stats.path("last_failure").asText());
        SenderProcesses.awaitNone(home, Duration.ofSeconds(10));
        assertEquals(1, collector.requestCount());
        assertTrue(SenderProcesses.sentLog(home).isEmpty(), "a rejected event is not logged as sent");
        assertTrue(SenderProcesses.spoolFiles(home).isEmpty());
    }

    @Test
    void debugPrintsInsteadOfSending() throws Exception {
        ChildJvm.Result r = cli().config(config(collector.url() + "/e")).env("TELEMETRY_AGENT_DEBUG", "1").run();
        assertEquals(plain.stdout, r.stdout);
        assertTrue(r.agentLines().stream().anyMatch(l -> l.startsWith("[telemetry-agent] event {")), r.stderr);
        awaitSpoolsEmpty();
        assertEquals(0, collector.requestCount());
        assertTrue(SenderProcesses.of(home).isEmpty());
    }
}
