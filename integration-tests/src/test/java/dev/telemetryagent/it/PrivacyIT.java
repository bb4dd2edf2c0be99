package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secret-laden exceptions and property values go through instrumented methods of the sample
 * pipeline, with error_details on; every byte the collector receives is scanned for every secret,
 * and the events must still say what failed.
 */
class PrivacyIT extends AgentIT {
    /** Distinctive secrets: none of them may appear anywhere on the wire. */
    private static final String[] SECRETS = {
        "alicewonder", "id_rsa_prod", "bobbyshafto", "q3-ledger.xlsx", "Pa55w0rdXYZ", "git.corp-internal",
        "etl_user", "Hunter2Secret", "db-prod-7", "warehouse_main", "salesadmin", "Qwerty12345", "10.20.30.40",
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "ghp_4f8Kq", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV", "carol.danvers", "example.org", "192.168.77.12",
        "2001:db8:85a3", "abcDEF123456ghiJKL789", "CorrectHorseBattery9", "sk_live_51H8", "xoxb-2390",
        "4111 1111 1111 1111", "4111111111111111", "DE89 3704 0044 0532 0130 00", "078-05-1120",
        "MIIEpAIBAAKCAQEA", "sk-ant-api03-", "npm_Zx9", "fileserver", "jsmith", "api.acme-payments.io",
    };

    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = ChildJvm.write(home, "agent-config.toml",
                Configs.header("") + Configs.sender(collector, "") + Configs.connector());
    }

    /** kind and message pairs, in call order, with the redacted message expected where it is exact. */
    private static Map<String[], String> failures(String user, String host) {
        Map<String[], String> f = new LinkedHashMap<>();
        f.put(new String[] {"io", "cannot open /home/alicewonder/.ssh/id_rsa_prod: permission denied"},
                "cannot open <path>: permission denied");
        f.put(new String[] {"io", "C:\\Users\\bobbyshafto\\Documents\\q3-ledger.xlsx is locked"}, "<path> is locked");
        f.put(new String[] {"state", "push to https://deploy:Pa55w0rdXYZ@git.corp-internal.example.com/repo.git failed"},
                "push to <url> failed");
        f.put(new String[] {"wrapped", "postgres://etl_user:Hunter2Secret@db-prod-7.internal.acme.io:5432/warehouse_main"
                + " refused"}, "connect failed: <url> refused");
        f.put(new String[] {"unchecked", "jdbc:mysql://10.20.30.40:3306/sales?user=salesadmin&password=Qwerty12345"},
                "java.io.IOException: <url>");
        f.put(new String[] {"state", "AWS key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY denied"},
                "AWS key <secret> secret <secret> denied");
        f.put(new String[] {"state", "token ghp_4f8Kq2LmN7pR9sT1vW3xY5zA6bC8dE0fG2hJ invalid"}, "token <secret> invalid");
        f.put(new String[] {"io", "jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c expired for carol.danvers@example.org"},
                "jwt <secret> expired for <email>");
        f.put(new String[] {"io", "connect 192.168.77.12:8080 and [2001:db8:85a3::8a2e:370:7334]:443 timed out"},
                "connect <ip> and [<ip>]:443 timed out");
        f.put(new String[] {"state", "Authorization: Bearer abcDEF123456ghiJKL789 rejected; password=CorrectHorseBattery9"},
                "Authorization: Bearer <secret> rejected; password=<secret>");
        f.put(new String[] {"state", "keys sk_live_51H8abcdefGHIJKLmnop xoxb-2390-1234567890123-AbCdEfGhIjKlMnOp"
                + " sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEF npm_Zx9abcdefghijklmnopqrstuvwxyz0123456"},
                "keys <secret> <secret> <secret> <secret>");
        f.put(new String[] {"io", "card 4111 1111 1111 1111 / 4111111111111111 iban DE89 3704 0044 0532 0130 00 ssn 078-05-1120"},
                "card <secret> / <secret> iban <secret> ssn <secret>");
        f.put(new String[] {"io", "key -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7x\n-----END RSA PRIVATE KEY-----\n"
                + "rejected by \\\\fileserver\\share for CORP\\jsmith"}, "key <secret> rejected by <path> for <path>");
        f.put(new String[] {"state", "owner " + user + " on " + host + " via api.acme-payments.io"}, null);
        return f;
    }

    @Test
    void noSecretOfAFailureOrPropertyReachesTheCollector() throws Exception {
        String user = System.getProperty("user.name");
        String host = hostName();
        Map<String[], String> failures = failures(user, host);
        List<String> args = new ArrayList<>(List.of("connect",
                "postgres://etl_user:Hunter2Secret@db-prod-7.internal.acme.io:5432/warehouse_main"));
        for (String[] f : failures.keySet()) {
            args.add(f[0]);
            args.add(f[1]);
        }
        ChildJvm child = ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain")
                .args(args.toArray(new String[0]));
        ChildJvm.Result plain = ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain")
                .args(args.toArray(new String[0])).withoutAgent().run();
        ChildJvm.Result agent = child.config(config).run();
        assertEquals(plain.stdout, agent.stdout);
        assertEquals(0, agent.exitCode, agent.toString());

        List<JsonNode> events = collector.awaitJsonEvents(failures.size(), Duration.ofSeconds(20));
        assertEquals(failures.size(), events.size(), events.toString());

        String wire = collector.allBytes();
        for (String secret : SECRETS) {
            assertFalse(wire.contains(secret), "sent: " + secret + "\n" + wire);
        }
        for (String name : new String[] {user, host}) {
            if (identifying(name)) {
                assertFalse(wire.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)), "sent: " + name);
            }
        }

        int i = 0;
        for (Map.Entry<String[], String> f : failures.entrySet()) {
            JsonNode p = events.get(i++).path("properties");
            assertEquals("connector", p.path("event_category").asText());
            assertFalse(p.path("success").asBoolean());
            String kind = f.getKey()[0];
            String expectedType = kind.equals("io") ? "java.io.IOException"
                    : kind.equals("unchecked") ? "java.io.UncheckedIOException" : "java.lang.IllegalStateException";
            assertEquals(expectedType, p.path("error_type").asText(), p.toString());
            if (kind.equals("wrapped") || kind.equals("unchecked")) {
                assertEquals("java.io.IOException", p.path("error_root_type").asText(), p.toString());
            } else {
                assertFalse(p.has("error_root_type"), p.toString());
            }
            String message = p.path("error_message").asText();
            if (f.getValue() != null) {
                assertEquals(f.getValue(), message);
            }
            assertTrue(message.length() <= 300 && !message.contains("\n"), message);
            assertEquals("<url>", p.path("target").asText(), p.toString());
            assertTrue(p.has("detail"), p.toString());
            assertFalse(p.toString().contains("stack") || p.toString().contains(".java:"), p.toString());
        }
    }

    @Test
    void withoutErrorDetailsNoMessageIsSentAtAll() throws Exception {
        Path quiet = ChildJvm.write(home, "quiet.toml", Configs.header("").replace("error_details = true",
                "error_details = false") + Configs.sender(collector, "") + Configs.connector().replace(
                ", detail = \"arg1\"", ""));
        ChildJvm.Result agent = ChildJvm.in(home).classpath(SampleApps.pipelineClasspath(), "sample.pipeline.PipelineMain")
                .args("connect", "postgres://etl_user:Hunter2Secret@db-prod-7.internal.acme.io/x", "io",
                        "cannot open /home/alicewonder/.ssh/id_rsa_prod")
                .config(quiet).run();
        assertEquals(0, agent.exitCode, agent.toString());
        JsonNode p = collector.awaitJsonEvents(1, Duration.ofSeconds(20)).get(0).path("properties");
        assertEquals("java.io.IOException", p.path("error_type").asText());
        assertFalse(p.has("error_message"), p.toString());
        String wire = collector.allBytes();
        assertFalse(wire.contains("alicewonder") || wire.contains("Hunter2Secret") || wire.contains("id_rsa"), wire);
    }

    private static String hostName() throws Exception {
        Path etc = Paths.get("/etc/hostname");
        return Files.isRegularFile(etc) ? Files.readString(etc).trim() : "no-such-host";
    }

    /** Mirrors the redactor's rule: names shorter than three characters or generic ones are not hidden. */
    private static boolean identifying(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.length() >= 4 && !List.of("root", "admin", "user", "runner", "ubuntu", "jenkins", "build",
                "builder", "default", "guest", "localhost", "vagrant", "docker", "circleci", "gitpod", "codespace",
                "vscode", "nobody", "node", "test", "java", "home", "users", "debian", "centos").contains(n);
    }
}
