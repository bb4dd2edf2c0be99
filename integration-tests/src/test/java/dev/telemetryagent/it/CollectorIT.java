package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.CollectorProcess;
import dev.telemetryagent.it.support.Events;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real collector jar, driven over HTTP: the contract's answers, durability, faults at start, privacy. */
class CollectorIT {
    private static final Instant TS = Instant.parse("2026-12-01T10:00:00.123Z");

    @TempDir
    Path dir;

    private static List<String> events(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Events.simple(prefix + i, TS));
        }
        return out;
    }

    private static long stored(CollectorProcess c) {
        CollectorProcess.Answer a = c.get("/report.json");
        assertEquals(200, a.status, a.toString());
        return a.json().path("events").asLong();
    }

    @Test
    void theAgentJarCarriesNothingOfTheCollector() throws Exception {
        List<String> foreign = new ArrayList<>();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(dev.telemetryagent.it.support.ChildJvm.AGENT_JAR)) {
            for (java.util.Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                for (String prefix : new String[] {"dev/telemetryagent/collector/", "org/duckdb/", "org/eclipse/jetty/",
                        "com/fasterxml/", "io/micrometer/", "ch/qos/logback/", "picocli/"}) {
                    if (name.startsWith(prefix)) {
                        foreign.add(name);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign);
    }

    @Test
    void everyBadInputGetsTheContractsStatusAndTheServerStaysHealthy() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            assertEquals(400, c.collect("not json").status);
            assertEquals(400, c.collect("{\"sentAt\":\"x\"}").status);
            assertEquals(400, c.collect("{\"batch\":{}}").status);
            CollectorProcess.Answer truncated = c.collect("{\"batch\":[" + Events.simple("t1", TS));
            assertEquals(400, truncated.status);
            assertTrue(truncated.json().path("error").isTextual(), truncated.toString());
            assertEquals(405, c.request("GET", "/collect", Map.of()).status);
            assertEquals(405, c.request("PUT", "/collect", Map.of()).status);
            assertEquals(404, c.get("/nothing").status);

            byte[] huge = new byte[8 * 1024 * 1024 + 1];
            java.util.Arrays.fill(huge, (byte) ' ');
            assertEquals(413, c.post("/collect", huge, Map.of()).status);
            assertEquals(413, chunkedOverLimit(c));

            String tooBig = "{\"event\":\"e\",\"messageId\":\"big\",\"anonymousId\":\"a\",\"timestamp\":\"" + TS
                    + "\",\"properties\":{\"p\":\"" + "x".repeat(33 * 1024) + "\"}}";
            String missing = "{\"event\":\"e\",\"anonymousId\":\"a\",\"timestamp\":\"" + TS + "\"}";
            String mistyped = "{\"event\":7,\"messageId\":\"m7\",\"anonymousId\":\"a\",\"timestamp\":\"" + TS + "\"}";
            String badTime = "{\"event\":\"e\",\"messageId\":\"m8\",\"anonymousId\":\"a\",\"timestamp\":\"today\"}";
            CollectorProcess.Answer mixed = c.collect(Events.batch(List.of(Events.simple("ok1", TS), tooBig, missing,
                    mistyped, badTime, Events.simple("ok2", TS))));
            assertEquals(200, mixed.status, mixed.toString());
            assertEquals(2, mixed.json().path("accepted").asInt());
            assertEquals(0, mixed.json().path("duplicates").asInt());
            assertEquals(4, mixed.json().path("rejected").asInt());

            assertEquals(200, c.get("/health").status);
            assertEquals(2, stored(c), "only the valid events are stored");
            String metrics = c.get("/metrics").body;
            assertTrue(metrics.contains("collector_events_rejected_total{reason=\"too_large\"} 1.0"), metrics);
            assertTrue(metrics.contains("collector_events_accepted_total 2.0"), metrics);
            assertTrue(metrics.contains("collector_store_size_bytes"), metrics);
            assertTrue(metrics.contains("collector_requests_seconds_count{endpoint=\"collect\",status=\"400\"}"),
                    metrics);
        }
    }

    /**
     * A declared body over the limit, sent whole as clients do, then a second request on the same connection: the
     * collector reads the refused body to its end before its 413, so the client, still sending, gets the answer
     * rather than a reset, and the connection serves on. Without that, the server closed with 8 MiB unread: the
     * client's writes failed, or its reads found the connection reset and the answer lost.
     */
    @Test
    void aDeclaredBodyOverTheLimitIsReadToItsEndAndAnswered413() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            assertEquals(List.of(413, 200), refusedThenHealth(c, 8 * 1024 * 1024 + 1));
        }
    }

    /** The same for a body the collector refuses at its first byte (not a JSON object), sent whole: 400. */
    @Test
    void aBadBodyIsReadToItsEndAndAnswered400() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            assertEquals(List.of(400, 200), refusedThenHealth(c, 8 * 1024 * 1024));
        }
    }

    /**
     * Over one connection: a POST to /collect of {@code length} declared bytes, a JSON array's opening bracket and
     * spaces, sent whole before reading; then a GET of /health. Returns the two statuses.
     */
    private static List<Integer> refusedThenHealth(CollectorProcess c, int length) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), java.net.URI.create(c.url()).getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + length + "\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int sent = 1; sent < length; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, length - sent));
            }
            out.flush();
            java.io.InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            int refused = readStatus(in);
            out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return List.of(refused, readStatus(in));
        }
    }

    /** Reads one HTTP/1.1 response with a Content-Length from {@code in}; returns its status. */
    private static int readStatus(java.io.InputStream in) throws java.io.IOException {
        String statusLine = asciiLine(in);
        int contentLength = 0;
        for (String header = asciiLine(in); !header.isEmpty(); header = asciiLine(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                contentLength = Integer.parseInt(header.substring(15).trim());
            }
        }
        assertEquals(contentLength, in.readNBytes(contentLength).length, statusLine);
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    private static String asciiLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new java.io.EOFException("the connection ended: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** A chunked body (no Content-Length) that goes past 8 MiB: cut off while reading. */
    private static int chunkedOverLimit(CollectorProcess c) throws Exception {
        java.net.URI u = java.net.URI.create(c.url());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), u.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] head = "{\"batch\":[\"".getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            System.arraycopy(head, 0, chunk, 0, head.length);
            try {
                for (int i = 0; i < 200; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    java.util.Arrays.fill(chunk, 0, head.length, (byte) 'x');
                }
            } catch (java.io.IOException closedByServer) {
                // the server answered and closed once past the limit
            }
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void aRepeatedBatchIsStoredOnceEvenWhenPostedConcurrently() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            String body = Events.batch(events("m", 100));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<CollectorProcess.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> c.collect(body)));
            }
            int accepted = 0;
            int duplicates = 0;
            for (Future<CollectorProcess.Answer> f : answers) {
                JsonNode j = f.get().json();
                accepted += j.path("accepted").asInt();
                duplicates += j.path("duplicates").asInt();
            }
            pool.shutdown();
            assertEquals(100, accepted);
            assertEquals(700, duplicates);
            assertEquals(100, stored(c));
            String inBatch = Events.batch(List.of(Events.simple("twice", TS), Events.simple("twice", TS)));
            JsonNode j = c.collect(inBatch).json();
            assertEquals(1, j.path("accepted").asInt());
            assertEquals(1, j.path("duplicates").asInt());
        }
    }

    @Test
    void whatWasAcknowledgedSurvivesKill9() throws Exception {
        CollectorProcess c = CollectorProcess.serve(dir);
        try {
            CollectorProcess.Answer a = c.collect(Events.batch(events("k", 250)));
            assertEquals(200, a.status);
            assertEquals(250, a.json().path("accepted").asInt());
            c.kill9();
        } finally {
            c.close();
        }
        try (CollectorProcess again = CollectorProcess.serve(dir)) {
            assertEquals(250, stored(again));
            assertEquals(250, again.collect(Events.batch(events("k", 250))).json().path("duplicates").asInt());
        }
    }

    @Test
    void theWriteKeyIsRequiredOnCollectAndTheReadKeyOnReportsAndMetrics() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir, "--write-key", "w-secret", "--read-key", "r-secret")) {
            byte[] body = Events.batch(events("w", 3)).getBytes(StandardCharsets.UTF_8);
            assertEquals(401, c.post("/collect", body, Map.of()).status);
            assertEquals(401, c.post("/collect", body, Map.of("Authorization", "Bearer wrong")).status);
            assertEquals(401, c.post("/collect", body, Map.of("Authorization", "Bearer r-secret")).status);
            CollectorProcess.Answer ok = c.post("/collect", body, Map.of("Authorization", "Bearer w-secret"));
            assertEquals(200, ok.status);
            assertEquals(3, ok.json().path("accepted").asInt());
            for (String path : new String[] {"/report.json", "/report", "/metrics"}) {
                assertEquals(401, c.get(path).status, path);
                assertEquals(401, c.request("GET", path, Map.of("Authorization", "Bearer w-secret")).status, path);
                assertEquals(200, c.request("GET", path, Map.of("Authorization", "Bearer r-secret")).status, path);
            }
            assertEquals(200, c.get("/health").status, "health needs no key");
        }
    }

    @Test
    void offLoopbackServeRefusesToStartWithoutAReadKey() throws Exception {
        CollectorProcess.Finished r = CollectorProcess.run(dir, List.of(), "serve", "--port", "0", "--bind", "0.0.0.0");
        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("--read-key"), r.toString());
        assertFalse(Files.exists(dir.resolve("telemetry-events.duckdb")), "nothing created");
    }

    @Test
    void aStoreHeldByAnotherCollectorIsRefusedWithOneLine() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            c.collect(Events.batch(events("h", 2)));
            CollectorProcess.Finished second = CollectorProcess.run(dir, List.of(), "serve", "--port", "0");
            assertEquals(1, second.exitCode, second.toString());
            assertEquals(1, second.stderr.strip().lines().count(), second.toString());
            assertTrue(second.stderr.contains("held by another process"), second.toString());
            CollectorProcess.Finished report = CollectorProcess.run(dir, List.of(), "report", "--json");
            assertEquals(1, report.exitCode, report.toString());
            assertTrue(report.stderr.contains("/report"), report.toString());
            assertEquals(2, stored(c), "the running collector is untouched");
        }
    }

    @Test
    void aCorruptStoreIsRefusedAndLeftAsItWas() throws Exception {
        Path store = dir.resolve("corrupt.duckdb");
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(junk);
        Files.write(store, junk);
        CollectorProcess.Finished r = CollectorProcess.run(dir, List.of(), "serve", "--port", "0", "--store",
                store.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertEquals(1, r.stderr.strip().lines().count(), r.toString());
        assertTrue(r.stderr.contains("not a DuckDB database"), r.toString());
        assertArrayEquals(junk, Files.readAllBytes(store), "nothing overwritten");
    }

    @Test
    void anUnwritableStoreIsRefusedWithOneLine() throws Exception {
        // CI runs as root, for whom every file is writable: the collector runs as nobody, who may not write here.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv");
        Path store = dir.resolve("owned-by-root.duckdb");
        try (CollectorProcess c = CollectorProcess.serve(dir, "--store", store.toString())) {
            c.collect(Events.batch(events("u", 1)));
            c.terminate();
        }
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(store, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        byte[] before = Files.readAllBytes(store);
        CollectorProcess.Finished r = CollectorProcess.run(Path.of("/tmp"),
                List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"),
                "serve", "--port", "0", "--store", store.toString());
        assertEquals(1, r.exitCode, r.toString());
        assertEquals(1, r.stderr.strip().lines().count(), r.toString());
        assertTrue(r.stderr.contains(store.toString()), r.toString());
        assertArrayEquals(before, Files.readAllBytes(store), "nothing changed");
    }

    @Test
    void sigtermFinishesAcknowledgedWorkAndStopsCleanly() throws Exception {
        CollectorProcess c = CollectorProcess.serve(dir);
        try {
            assertEquals(200, c.collect(Events.batch(events("s", 50))).status);
            int exit = c.terminate();
            assertEquals(143, exit, c.stderr());
            assertTrue(c.stderr().contains("collector stopped"), c.stdout() + "\n" + c.stderr());
        } finally {
            c.close();
        }
        CollectorProcess.Finished report = CollectorProcess.run(dir, List.of(), "report", "--json");
        assertEquals(0, report.exitCode, report.toString());
        assertTrue(report.stdout.contains("\"events\" : 50"), report.stdout);
    }

    @Test
    void noRequestAddressHeaderOrEventContentIsLoggedOrStored() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            String secretish = Events.command("msg-visible", "anon-visible", "run-visible", "command_visible", TS,
                    0.1, false, "9.9.9");
            c.post("/collect", Events.batch(List.of(secretish)).getBytes(StandardCharsets.UTF_8),
                    Map.of("User-Agent", "agent-header-visible", "X-Forwarded-For", "203.0.113.9"));
            c.collect("not json anon-visible");
            c.collect(Events.batch(List.of("{\"event\":\"bad-visible\"}")));
            String log = c.stdout() + c.stderr();
            for (String s : new String[] {"visible", "203.0.113.9", "User-Agent"}) {
                assertFalse(log.contains(s), s + " in " + log);
            }
            c.terminate();
        }
        CollectorProcess.Finished r = CollectorProcess.run(dir, List.of(), "report", "--json");
        assertFalse(r.stdout.contains("203.0.113.9"), r.stdout);
        assertFalse(r.stdout.contains("agent-header-visible"), r.stdout);
        byte[] file = Files.readAllBytes(dir.resolve("telemetry-events.duckdb"));
        String raw = new String(file, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("203.0.113.9"), "no address in the store file");
        assertFalse(raw.contains("agent-header-visible"), "no header in the store file");
    }
}
