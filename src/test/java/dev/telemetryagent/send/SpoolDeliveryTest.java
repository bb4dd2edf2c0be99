package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigLoader;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDeliveryTest {
    @TempDir
    Path home;

    private HttpServer server;
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A collector answering request n (1-based) with the status the function gives; Retry-After: 1 on 429. */
    private String collector(IntFunction<Integer> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            arrivals.add(System.nanoTime());
            int s = status.apply(arrivals.size());
            if (s == 429) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(s, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    /** The non-blank lines of a spool file. */
    static List<String> lines(File f) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(f.toPath())) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    private AgentConfig config(String endpoint, int timeoutMs) throws Exception {
        Path toml = home.resolve("agent-config.toml");
        Files.writeString(toml, "[app]\nname = \"acme\"\n[telemetry]\nconsent = \"none\"\nhash_salt = \"s\"\n"
                + "[sender]\nendpoint = \"" + endpoint + "\"\ntimeout_ms = " + timeoutMs + "\n");
        return ConfigLoader.load(toml.toFile(), home.toString());
    }

    private static Situation situation(AgentConfig config, Map<String, String> env) {
        return new Situation(config, env, new Properties(), new File("/"), "app.Main");
    }

    private File spoolFile(AgentConfig config, int events) throws IOException {
        return spoolFile(config, events, "");
    }

    private File spoolFile(AgentConfig config, int events, String padding) throws IOException {
        Spool spool = new Spool(new StateDirectory(config.telemetry().stateDir()), Spool.routeOf(config.sender()));
        StateDirectory.ensureDirectory(spool.dir());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < events; i++) {
            sb.append(JsonWriter.write(FormatsTest.event("e" + i, null, padding))).append('\n');
        }
        File f = new File(spool.dir(), System.currentTimeMillis() + "-run-" + events + "."
                + Spool.routeOf(config.sender()) + ".jsonl");
        Files.writeString(f.toPath(), sb.toString());
        return f;
    }

    private static long deadline(long millis) {
        return System.nanoTime() + millis * 1_000_000L;
    }

    private List<String> sentLog(AgentConfig config) throws IOException {
        return new SentLog(new StateDirectory(config.telemetry().stateDir())).read();
    }

    private Map<String, Object> stats(AgentConfig config) {
        return new DeliveryStats(new Spool(new StateDirectory(config.telemetry().stateDir())).dir()).read();
    }

    @Test
    void serverErrorIsRetriedThenDeliveredAndLogged() throws Exception {
        AgentConfig config = config(collector(n -> n == 1 ? 503 : 200), 2000);
        File f = spoolFile(config, 3);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.EMPTIED, d.deliverAll(deadline(20_000), true));
        assertEquals(2, arrivals.size());
        assertFalse(f.exists());
        assertEquals(3, sentLog(config).size());
        assertTrue(sentLog(config).get(0).contains("\"event\":\"e0\""));
        assertEquals(3L, stats(config).get(DeliveryStats.DELIVERED));
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        AgentConfig config = config(collector(n -> n == 1 ? 429 : 200), 2000);
        spoolFile(config, 1);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.EMPTIED, d.deliverAll(deadline(20_000), true));
        assertEquals(2, arrivals.size());
        assertTrue(arrivals.get(1) - arrivals.get(0) >= 950_000_000L, "waited the collector's Retry-After: 1");
    }

    @Test
    void retryAfterBeyondTheDeadlineLeavesTheEventsForLater() throws Exception {
        AgentConfig config = config(collector(n -> 429), 2000);
        File f = spoolFile(config, 1);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.FAILED, d.deliverAll(deadline(500), true));
        assertEquals(1, arrivals.size());
        assertTrue(f.exists());
    }

    @Test
    void clientErrorDropsAndCountsWithoutRetrying() throws Exception {
        AgentConfig config = config(collector(n -> 400), 2000);
        File f = spoolFile(config, 4);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.EMPTIED, d.deliverAll(deadline(20_000), true));
        assertEquals(1, arrivals.size());
        assertFalse(f.exists());
        assertTrue(sentLog(config).isEmpty(), "rejected events were not sent");
        assertEquals(4L, stats(config).get(DeliveryStats.REJECTED));
        assertEquals("HTTP 400", stats(config).get("last_failure"));
    }

    @Test
    void persistentServerErrorStopsAfterBoundedAttemptsAndKeepsTheFile() throws Exception {
        AgentConfig config = config(collector(n -> 500), 2000);
        File f = spoolFile(config, 2);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.FAILED, d.deliverAll(deadline(60_000), true));
        assertEquals(SpoolDelivery.MAX_ATTEMPTS, arrivals.size());
        assertTrue(f.exists());
        assertEquals(2, lines(f).size());
    }

    @Test
    void refusedConnectionKeepsTheFile() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AgentConfig config = config("http://127.0.0.1:" + port + "/e", 1000);
        File f = spoolFile(config, 1);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), 2);
        assertEquals(SpoolDelivery.Outcome.FAILED, d.deliverAll(deadline(10_000), true));
        assertTrue(f.exists());
        assertEquals("java.net.ConnectException", stats(config).get("last_failure"));
    }

    @Test
    void silentCollectorTimesOutAndKeepsTheFile() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AgentConfig config = config("http://127.0.0.1:" + blackHole.getLocalPort() + "/e", 300);
            File f = spoolFile(config, 1);
            SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), 1);
            assertEquals(SpoolDelivery.Outcome.FAILED, d.deliverAll(deadline(10_000), true));
            assertTrue(f.exists());
            assertTrue(String.valueOf(stats(config).get("last_failure")).contains("Timeout"),
                    String.valueOf(stats(config)));
        }
    }

    @Test
    void optOutBeforeSendingEmptiesTheSpoolAndSendsNothing() throws Exception {
        AgentConfig config = config(collector(n -> 200), 2000);
        File f = spoolFile(config, 2);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of("DO_NOT_TRACK", "1")), 4);
        assertEquals(SpoolDelivery.Outcome.OPTED_OUT, d.deliverAll(deadline(10_000), true));
        assertTrue(arrivals.isEmpty());
        assertFalse(f.exists());
    }

    @Test
    void partialDeliveryKeepsOnlyWhatIsLeft() throws Exception {
        AgentConfig config = config(collector(n -> n == 1 ? 200 : 500), 2000);
        File f = spoolFile(config, Formats.MAX_EVENTS_PER_REQUEST + 7);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), 1);
        assertEquals(SpoolDelivery.Outcome.FAILED, d.deliverAll(deadline(10_000), true));
        assertEquals(7, lines(f).size());
        assertTrue(lines(f).get(0).contains("\"event\":\"e" + Formats.MAX_EVENTS_PER_REQUEST + "\""));
        assertEquals(Formats.MAX_EVENTS_PER_REQUEST, sentLog(config).size());
    }

    @Test
    void sentLogKeepsTheLastThousand() throws Exception {
        SentLog log = new SentLog(new StateDirectory(home.resolve("state").toString()));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            lines.add("{\"n\":" + i + "}");
        }
        log.append(lines.subList(0, 700));
        log.append(lines.subList(700, 1500));
        List<String> kept = log.read();
        assertEquals(SentLog.MAX_LINES, kept.size());
        assertEquals("{\"n\":500}", kept.get(0));
        assertEquals("{\"n\":1499}", kept.get(999));
    }

    @Test
    void httpIsRefusedToAnyHostButLoopbackWhateverTheConfig() {
        HttpDelivery http = new HttpDelivery(1000);
        WireRequest r = new WireRequest("http://collector.example.com/e", Collections.emptyMap(), new byte[0],
                List.of());
        IOException e = assertThrows(IOException.class, () -> http.post(r, 1000));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void retryAfterReadsSecondsAndDates() {
        assertEquals(2000L, HttpDelivery.retryAfterMillis(" 2 "));
        assertEquals(-1L, HttpDelivery.retryAfterMillis(null));
        assertEquals(-1L, HttpDelivery.retryAfterMillis("soon"));
        assertEquals(0L, HttpDelivery.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    @Test
    void backoffGrowsWithJitterAndIsBounded() {
        for (int i = 0; i < 200; i++) {
            long first = Backoff.delayMillis(1);
            assertTrue(first >= 250 && first <= 500, "first " + first);
            long third = Backoff.delayMillis(3);
            assertTrue(third >= 1000 && third <= 2000, "third " + third);
            long late = Backoff.delayMillis(40);
            assertTrue(late >= Backoff.MAX_MILLIS / 2 && late <= Backoff.MAX_MILLIS, "late " + late);
        }
    }

    @Test
    void aFileOverOneMebibyteIsDeliveredWholeAndCounted() throws Exception {
        AgentConfig config = config(collector(n -> 200), 5000);
        File f = spoolFile(config, 1000, "p".repeat(1500));
        assertTrue(f.length() > 1L << 20, "a file of " + f.length() + " bytes");
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.EMPTIED, d.deliverAll(deadline(60_000), true));
        assertFalse(f.exists());
        int received = 0;
        for (String body : bodies) {
            received += body.split("\"event\":\"e").length - 1;
        }
        assertEquals(1000, received);
        assertEquals(1000L, stats(config).get(DeliveryStats.DELIVERED));
    }

    @Test
    void aLineThatIsNoEventIsSkippedAndCountedAndNeverBlocksTheRest() throws Exception {
        AgentConfig config = config(collector(n -> 200), 5000);
        File bad = spoolFile(config, 2);
        // Malformed, nested 100,000 deep, and a bare value: each is one bad line of the file.
        Files.writeString(bad.toPath(), "{not json\n" + "[".repeat(100_000) + "\n42\n" + Files.readString(bad.toPath()));
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.EMPTIED, d.deliverAll(deadline(20_000), true));
        assertFalse(bad.exists());
        assertEquals(2L, stats(config).get(DeliveryStats.DELIVERED));
        assertEquals(3L, stats(config).get(DeliveryStats.MALFORMED));
    }

    @Test
    void aRedirectIsNotFollowedAndKeepsTheEvents() throws Exception {
        AgentConfig config = config(collector(n -> 302), 2000);
        File f = spoolFile(config, 3);
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.FAILED, d.deliverAll(deadline(20_000), true));
        assertEquals(1, arrivals.size());
        assertEquals(3, lines(f).size());
        assertEquals(null, stats(config).get(DeliveryStats.REJECTED));
        assertEquals("HTTP 302 " + DeliveryStats.REDIRECT_KEPT, stats(config).get("last_failure"));
    }

    @Test
    void theSentLogRotatesAndIsReadPastOneMebibyte() throws Exception {
        StateDirectory state = new StateDirectory(home.resolve("state").toString());
        SentLog log = new SentLog(state);
        String big = "x".repeat(3000);
        for (int i = 0; i < 2500; i++) {
            log.append(List.of("{\"n\":" + i + ",\"p\":\"" + big + "\"}"));
        }
        List<String> kept = log.read();
        assertEquals(SentLog.MAX_LINES, kept.size());
        assertTrue(kept.get(0).startsWith("{\"n\":1500,"), kept.get(0).substring(0, 20));
        assertTrue(kept.get(999).startsWith("{\"n\":2499,"));
        assertTrue(Files.size(state.file(SentLog.FILE).toPath()) <= SentLog.MAX_LINES * 3020L);
        assertTrue(Files.size(state.file(SentLog.PREVIOUS).toPath()) <= SentLog.MAX_LINES * 3020L);
    }

    @Test
    // Opening a FIFO for reading blocks in native code: without the fix the test fails, not hangs.
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAmongTheSpoolFilesIsSkippedAndTheOthersDelivered() throws Exception {
        AgentConfig config = config(collector(n -> 200), 5000);
        File good = spoolFile(config, 2);
        File fifo = new File(good.getParentFile(), "1-fifo-0." + Spool.routeOf(config.sender()) + ".jsonl");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.getPath()).start().waitFor());
        SpoolDelivery d = new SpoolDelivery(config, situation(config, Map.of()), SpoolDelivery.MAX_ATTEMPTS);
        assertEquals(SpoolDelivery.Outcome.FAILED, d.deliverAll(deadline(20_000), true));
        assertFalse(good.exists());
        assertEquals(2L, stats(config).get(DeliveryStats.DELIVERED));
        assertTrue(fifo.exists(), "not the agent's to delete");
    }
}
