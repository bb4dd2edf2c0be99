package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.CollectorProcess;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.Events;
import dev.telemetryagent.it.support.PostgresServer;
import dev.telemetryagent.it.support.SampleApps;
import dev.telemetryagent.it.support.SenderProcesses;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real collector jar with {@code --jdbc} against a real PostgreSQL server that this class starts (one
 * throwaway cluster for the class, one database per test): the end-to-end report, exactly-once across two
 * collectors, kill -9 durability, a database restart (503, then recovery by itself), two collectors migrating an
 * empty database at once, and the start-up failures, with the password never in any output.
 */
class PostgresCollectorIT {
    private static final Instant TS = Instant.parse("2026-12-01T10:00:00.123Z");
    private static final Map<String, String> PASSWORD_ENV =
            Map.of("TELEMETRY_COLLECTOR_JDBC_PASSWORD", PostgresServer.PASSWORD);
    private static PostgresServer pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private static String database(String name) throws Exception {
        pg.createDatabase(name);
        return pg.url(name);
    }

    private static List<String> events(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Events.simple(prefix + i, TS));
        }
        return out;
    }

    private static long count(String db) throws Exception {
        return Long.parseLong(pg.psql(db, "SELECT count(*) FROM events"));
    }

    private CollectorProcess serve(String url) throws Exception {
        return CollectorProcess.serve(dir, PASSWORD_ENV, "--jdbc", url);
    }

    private static void assertNoPassword(String output) {
        assertFalse(output.contains(PostgresServer.PASSWORD), "the password was printed: " + output);
    }

    @Test
    void serveAndReportWithJdbcGiveTheSameFiguresAsAnyStore() throws Exception {
        String url = database("e2e");
        String served;
        try (CollectorProcess c = serve(url)) {
            List<String> batch = new ArrayList<>();
            double[] elapsed = {0.1, 0.2, 0.3, 0.4, 1.0};
            for (int i = 0; i < elapsed.length; i++) {
                batch.add(Events.command("e" + i, "a" + (i % 2), "r" + i, "command_sync", TS, elapsed[i], i != 4,
                        "1.4.2"));
            }
            CollectorProcess.Answer a = c.collect(Events.batch(batch));
            assertEquals(200, a.status, a.toString());
            assertEquals(5, a.json().path("accepted").asInt());
            assertEquals(200, c.get("/health").status);
            JsonNode live = c.get("/report.json").json();
            assertEquals(5, live.path("events").asLong());
            assertEquals(2, live.path("installs").asLong());
            JsonNode sync = live.path("by_event").get(0);
            assertEquals("command_sync", sync.path("event").asText());
            assertEquals(1, sync.path("failures").asLong());
            assertEquals(0.3, sync.path("p50_s").asDouble(), 1e-9);
            assertEquals(0.88, sync.path("p95_s").asDouble(), 1e-9, "percentile_cont: 0.4 + 0.8 * (1.0 - 0.4)");
            assertEquals("2026-12-01", live.path("daily").get(0).path("day").asText());
            assertEquals("java.io.IOException", live.path("errors").get(0).path("error_type").asText());
            assertTrue(c.get("/metrics").body.contains("collector_store_size_bytes"));
            served = live.toString();
            assertTrue(c.stderr().contains("postgresql://127.0.0.1:"), c.stderr());
            assertNoPassword(c.stdout() + c.stderr());
        }
        CollectorProcess.Finished json = CollectorProcess.run(dir, PASSWORD_ENV, List.of(), "report", "--jdbc", url,
                "--json");
        assertEquals(0, json.exitCode, json.toString());
        JsonNode offline = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout);
        assertEquals(5, offline.path("events").asLong());
        assertEquals(served.replaceAll("\"generated_at\":\"[^\"]*\"", ""),
                offline.toString().replaceAll("\"generated_at\":\"[^\"]*\"", ""), "offline and live agree");
        Path page = dir.resolve("report.html");
        CollectorProcess.Finished html = CollectorProcess.run(dir, PASSWORD_ENV, List.of(), "report", "--jdbc", url,
                "--out", page.toString());
        assertEquals(0, html.exitCode, html.toString());
        assertTrue(Files.readString(page).contains("command_sync"));
        assertNoPassword(json.stdout + json.stderr + html.stdout + html.stderr);
    }

    private final List<Path> agentHomes = new ArrayList<>();

    @AfterEach
    void stopSenders() throws Exception {
        for (Path home : agentHomes) {
            SenderProcesses.stop(home);
        }
    }

    /** The sample CLI under the real agent jar, sending its json batches to {@code collector}. */
    private ChildJvm.Result runAgent(String name, CollectorProcess collector, String... args) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        agentHomes.add(home);
        Path config = ChildJvm.write(home, "agent-config.toml", Configs.header("")
                + "[sender]\nendpoint = \"" + collector.url() + "/collect\"\nformat = \"json\"\n\n"
                + Configs.picocli());
        return ChildJvm.in(home).classpath(SampleApps.cliClasspath(), "sample.cli.SampleCli").args(args)
                .config(config).run();
    }

    @Test
    void theRealAgentSendsToTwoCollectorsOnOneDatabase() throws Exception {
        String url = database("agents");
        try (CollectorProcess one = serve(url); CollectorProcess two = serve(url)) {
            assertEquals(0, runAgent("h1", one, "hello", "--name", "bob").exitCode);
            assertTrue(runAgent("h2", two, "fail").exitCode != 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode report = one.get("/report.json").json();
            while (report.path("events").asLong() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                report = one.get("/report.json").json();
            }
            assertEquals(2, report.path("events").asLong(), report.toString());
            assertEquals(2, report.path("installs").asLong());
            assertTrue(report.toString().contains("command_fail"), report.toString());
            assertFalse(report.toString().contains("bob"), "no argument value is stored");
            assertEquals(report.path("by_event").toString(), two.get("/report.json").json().path("by_event")
                    .toString(), "both collectors report the one store");
        }
    }

    @Test
    void textReachesTheDatabaseVerbatimThroughCopy() throws Exception {
        String url = database("verbatim");
        // Quotes, commas, line breaks, backslashes, CSV's NULL look-alikes and non-ASCII: all are data to COPY.
        String name = "command_q\"uo,te\nline\\N back\\slash \u00fcn\u00ef \u20ac \\.";
        String jsonName = name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        String event = "{\"event\":\"" + jsonName + "\",\"messageId\":\"v1\",\"anonymousId\":\"a\","
                + "\"timestamp\":\"" + TS + "\",\"context\":{\"library\":{\"name\":\"acme\",\"version\":\"\"}},"
                + "\"properties\":{\"elapsed\":0.25,\"success\":true}}";
        try (CollectorProcess c = serve(url)) {
            CollectorProcess.Answer a = c.collect(Events.batch(List.of(event)));
            assertEquals(200, a.status, a.toString());
            assertEquals(1, a.json().path("accepted").asInt(), a.toString());
            JsonNode report = c.get("/report.json").json();
            assertEquals(name, report.path("by_event").get(0).path("event").asText());
            assertEquals("", report.path("versions").get(0).path("version").asText(),
                    "an empty string stays empty, never NULL (which the report would show as unknown)");
        }
        assertEquals("1", pg.psql("verbatim", "SELECT count(*) FROM events WHERE app_version = ''"));
    }

    @Test
    void theSameBatchPostedToTwoCollectorsIsStoredOnce() throws Exception {
        String url = database("twice");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CollectorProcess one = serve(url); CollectorProcess two = serve(url)) {
            for (int round = 0; round < 5; round++) {
                String body = Events.batch(events("t" + round + "-", 200));
                List<Future<CollectorProcess.Answer>> answers = new ArrayList<>();
                for (CollectorProcess c : List.of(one, two, one, two)) {
                    answers.add(pool.submit(() -> c.collect(body)));
                }
                int accepted = 0;
                int duplicates = 0;
                for (Future<CollectorProcess.Answer> f : answers) {
                    CollectorProcess.Answer a = f.get(120, TimeUnit.SECONDS);
                    assertEquals(200, a.status, "a conflict is a duplicate, never an error: " + a);
                    accepted += a.json().path("accepted").asInt();
                    duplicates += a.json().path("duplicates").asInt();
                }
                assertEquals(200, accepted, "round " + round);
                assertEquals(600, duplicates, "round " + round);
            }
            assertEquals(1000, count("twice"));
            assertEquals(1000, one.get("/report.json").json().path("events").asLong());
            assertEquals(1000, two.get("/report.json").json().path("events").asLong());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whatWasAcknowledgedSurvivesKill9() throws Exception {
        String url = database("durable");
        Set<String> acknowledged = new HashSet<>();
        AtomicBoolean killed = new AtomicBoolean();
        CollectorProcess c = serve(url);
        try {
            ExecutorService sender = Executors.newSingleThreadExecutor();
            Future<?> sending = sender.submit(() -> {
                for (int b = 0; !killed.get() && b < 1000; b++) {
                    List<String> ids = new ArrayList<>();
                    List<String> batch = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        ids.add("k" + b + "-" + i);
                        batch.add(Events.simple("k" + b + "-" + i, TS));
                    }
                    try {
                        if (c.collect(Events.batch(batch)).status == 200) {
                            synchronized (acknowledged) {
                                acknowledged.addAll(ids);
                            }
                        }
                    } catch (UncheckedIOException e) {
                        return; // the collector is gone mid-request: that batch was never acknowledged
                    }
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                synchronized (acknowledged) {
                    if (acknowledged.size() >= 500 || System.nanoTime() > deadline) {
                        break;
                    }
                }
                Thread.sleep(10);
            }
            c.kill9();
            killed.set(true);
            sending.get(120, TimeUnit.SECONDS);
            sender.shutdown();
        } finally {
            c.close();
        }
        Set<String> stored = new HashSet<>(List.of(pg.psql("durable", "SELECT message_id FROM events").split("\n")));
        synchronized (acknowledged) {
            assertTrue(acknowledged.size() >= 500, "acknowledged " + acknowledged.size());
            for (String id : acknowledged) {
                assertTrue(stored.contains(id), "acknowledged but lost: " + id);
            }
        }
    }

    @Test
    void aDatabaseRestartAnswers503AndTheCollectorRecoversByItself() throws Exception {
        String url = database("restart");
        try (CollectorProcess c = serve(url)) {
            assertEquals(200, c.collect(Events.batch(events("before", 10))).status);
            pg.stopImmediately();
            try {
                CollectorProcess.Answer down = c.collect(Events.batch(events("during", 10)));
                assertEquals(503, down.status, down.toString());
                assertTrue(down.json().path("error").asText().contains("store"), down.toString());
                CollectorProcess.Answer health = c.get("/health");
                assertEquals(503, health.status, health.toString());
                assertTrue(health.json().path("status").asText().contains("store"), health.toString());
                assertTrue(c.isAlive());
            } finally {
                pg.startAgain();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            CollectorProcess.Answer retried = c.collect(Events.batch(events("during", 10)));
            while (retried.status != 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                retried = c.collect(Events.batch(events("during", 10)));
            }
            assertEquals(200, retried.status, "recovered by itself: " + retried + "\n" + c.stderr());
            assertEquals(10, retried.json().path("accepted").asInt(), "nothing of the refused batch was stored");
            assertEquals(200, c.get("/health").status);
            assertEquals(20, count("restart"));
            assertTrue(c.isAlive());
            assertNoPassword(c.stdout() + c.stderr());
        }
    }

    /** The collectors' migration lock (PostgresDialect's advisory key). */
    private static final String MIGRATION_LOCK = "8387229063930279026";

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String advisoryLocks(boolean granted) throws Exception {
        return pg.psql("race", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted = " + granted);
    }

    @Test
    void twoCollectorsStartingAtOnceOnAnEmptyDatabaseMakeOneSchema() throws Exception {
        String url = database("race");
        List<CollectorProcess> both = new ArrayList<>();
        try {
            // Hold the migration lock so that both collectors reach it before either migrates: both must wait
            // there, then migrate one after the other, and start on one schema.
            try (PostgresServer.Session holder = pg.session("race")) {
                holder.send("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ");");
                await("the test to hold the lock", () -> advisoryLocks(true).equals("1"));
                both.add(CollectorProcess.start(dir, PASSWORD_ENV, "--jdbc", url));
                both.add(CollectorProcess.start(dir, PASSWORD_ENV, "--jdbc", url));
                await("both collectors to wait for the migration lock", () -> advisoryLocks(false).equals("2")
                        || both.stream().anyMatch(c -> !c.isAlive() || c.url() != null));
                assertEquals("2", advisoryLocks(false), "both wait for the lock: " + both.get(0).stderr()
                        + both.get(1).stderr());
            }
            CollectorProcess one = CollectorProcess.awaitListening(both.get(0));
            CollectorProcess two = CollectorProcess.awaitListening(both.get(1));
            assertEquals("1", pg.psql("race", "SELECT string_agg(version::text, ',') FROM collector_schema"));
            assertEquals(200, one.collect(Events.batch(events("r", 5))).status);
            assertEquals(5, two.collect(Events.batch(events("r", 5))).json().path("duplicates").asInt());
            assertFalse(one.stderr().contains("ERROR"), one.stderr());
            assertFalse(two.stderr().contains("ERROR"), two.stderr());
        } finally {
            for (CollectorProcess c : both) {
                c.close();
            }
        }
    }

    @Test
    void aBadUrlBadCredentialsOrAnUnreachableServerStopWithOneLine() throws Exception {
        database("creds");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String inUrl = "wrong-in-url-5e9a";
        List<List<String>> cases = List.of(
                List.of("jdbc:mysql://127.0.0.1/creds", PostgresServer.PASSWORD, "PostgreSQL URL"),
                List.of(pg.url("creds"), "wrong-" + PostgresServer.PASSWORD, "authentication failed"),
                List.of(pg.url("creds") + "&password=" + inUrl, PostgresServer.PASSWORD, "authentication failed"),
                List.of(pg.url("nosuchdb"), PostgresServer.PASSWORD, "does not exist"),
                List.of("jdbc:postgresql://127.0.0.1:" + closed + "/creds?user=postgres", PostgresServer.PASSWORD,
                        "cannot reach"));
        for (List<String> c : cases) {
            for (String command : List.of("serve", "report")) {
                List<String> args = new ArrayList<>(List.of(command, "--jdbc", c.get(0)));
                args.addAll(command.equals("serve") ? List.of("--port", "0") : List.of("--json"));
                CollectorProcess.Finished f = CollectorProcess.run(dir,
                        Map.of("TELEMETRY_COLLECTOR_JDBC_PASSWORD", c.get(1)), List.of(), args.toArray(new String[0]));
                assertEquals(1, f.exitCode, f.toString());
                assertEquals(1, f.stderr.strip().split("\n").length, "one line: " + f);
                assertTrue(f.stderr.startsWith(command + ": "), f.toString());
                assertTrue(f.stderr.contains(c.get(2)), f.toString());
                assertEquals("", f.stdout, f.toString());
                assertNoPassword(f.stdout + f.stderr);
                assertFalse(f.stderr.contains(inUrl), "the URL's password was printed: " + f);
            }
        }
    }
}
