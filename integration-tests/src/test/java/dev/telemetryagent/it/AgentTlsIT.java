package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SelfSignedHttps;
import dev.telemetryagent.it.support.SenderProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The agent's HTTPS has TLS of its own: an application that makes a trust-all context and a permissive
 * hostname verifier the JVM's defaults does so for itself only. Against a self-signed loopback server,
 * neither the in-process delivery of a long run nor the detached sender delivers anything.
 */
class AgentTlsIT extends AgentIT {
    private static final String ROWS =
            "[[instrument]]\nclass = \"sample.pipeline.Rows\"\nmethods = [\"checksum\"]\ncategory = \"rows\"\n";

    @Test
    void aTrustAllApplicationDoesNotMakeTheAgentTrustASelfSignedServer() throws Exception {
        try (SelfSignedHttps server = new SelfSignedHttps(home)) {
            Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("")
                    + "[sender]\nendpoint = \"" + server.url() + "/events\"\nformat = \"json\"\n"
                    + "max_events_per_run = 1000\n\n"
                    + ROWS);
            Path dir = Files.createDirectory(home.resolve("signals"));
            ChildJvm.Running app = pipeline("trustall", "300", dir.toString()).config(config).timeoutSeconds(150)
                    .start();
            // Once the run has lasted 10 s, its calls start the in-process delivery, which fails its handshake
            // and says so.
            SenderProcesses.awaitStats(home, s -> s.path("last_failure").asText().contains("SSL"),
                    Duration.ofSeconds(60));
            Files.createFile(dir.resolve("go"));
            ChildJvm.Result r = app.finish();
            assertEquals(0, r.exitCode, r.toString());
            // The exit leaves what is spooled to a detached sender, which fails the same way.
            SenderProcesses.awaitNone(home, Duration.ofSeconds(60));
            assertEquals(0, server.requests(), "events went to a server no trust store vouches for");
            assertEquals(0, SenderProcesses.stats(home).path("delivered").asLong());
            assertTrue(!SenderProcesses.spoolFiles(home).isEmpty(), "the events are kept");
        }
    }

    @Test
    void anApplicationThatTurnsOffHostNameVerificationDoesNotTurnItOffForTheAgent() throws Exception {
        // A certificate the trust store vouches for, but for another name than the endpoint's host.
        try (SelfSignedHttps server = new SelfSignedHttps(home, "dns:localhost")) {
            Path trust = server.trustStore();
            Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("")
                    + "[sender]\nendpoint = \"" + server.url() + "/events\"\nformat = \"json\"\n"
                    + "max_events_per_run = 1000\n\n"
                    + ROWS);
            Path dir = Files.createDirectory(home.resolve("signals"));
            ChildJvm.Running app = pipeline("trustall", "300", dir.toString()).config(config).timeoutSeconds(150)
                    .jvmArg("-Djavax.net.ssl.trustStore=" + trust)
                    .jvmArg("-Djavax.net.ssl.trustStorePassword=changeit")
                    .jvmArg("-Djdk.internal.httpclient.disableHostnameVerification=true").start();
            SenderProcesses.awaitStats(home, s -> s.path("last_failure").asText().contains("SSL"),
                    Duration.ofSeconds(60));
            Files.createFile(dir.resolve("go"));
            assertEquals(0, app.finish().exitCode);
            SenderProcesses.awaitNone(home, Duration.ofSeconds(60));
            assertEquals(0, server.requests(), "events went to a host the certificate does not name");
        }
    }
}
