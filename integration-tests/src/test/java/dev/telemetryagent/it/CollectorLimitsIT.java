package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.it.support.CollectorProcess;
import dev.telemetryagent.it.support.Events;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real collector jar against slow clients and a flood of connections, with its real limits (CollectorServer,
 * SlowClientGuard: 32 worker threads, 512 connections, request headers within 10 s, a body at 1 KiB/s after a
 * 10 s grace, 30 s idle timeout). The defaults are short enough to test as they are. Every wait ends when its
 * condition holds; the few-hundred-millisecond pauses are the slow clients' own pace, not waits for the server.
 */
class CollectorLimitsIT {
    private static final Instant TS = Instant.parse("2026-12-01T10:00:00.123Z");
    private static final int MAX_THREADS = 32;
    private static final int MAX_CONNECTIONS = 512;
    private static final long HEADER_TIMEOUT_MS = 10_000;
    private static final long BODY_GRACE_MS = 10_000;
    private static final long IDLE_TIMEOUT_MS = 30_000;
    /** How late a cut may come on a loaded machine; a cut by the idle timeout instead would come later. */
    private static final long LATE_MS = 15_000;
    private static final int TRICKLE_MS = 300;

    @TempDir
    Path dir;

    private static String batch(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Events.simple(prefix + i, TS));
        }
        return Events.batch(out);
    }

    private static long events(CollectorProcess c) {
        CollectorProcess.Answer a = c.get("/report.json");
        assertEquals(200, a.status, a.toString());
        return a.json().path("events").asLong();
    }

    /** The sum of a metric's samples whose line starts with {@code prefix} (name and the labels given). */
    private static double metric(String scrape, String prefix) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static Socket connect(CollectorProcess c) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), URI.create(c.url()).getPort());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Whether the server closed the connection (end of stream or a reset) within {@code waitMs}; false when it is
     * still open. Reading is how a client learns of the close; what the server may send first (nothing here) is
     * read past.
     */
    private static boolean closedWithin(Socket s, long waitMs) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        InputStream in = s.getInputStream();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            s.setSoTimeout((int) Math.max(1, left));
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    /**
     * Sends {@code first} bytes, then one more byte every {@link #TRICKLE_MS} until the server closes the
     * connection; returns the milliseconds from {@code first}'s end to the close, or -1 when still open after
     * {@code capMs}.
     */
    private static long trickleUntilClosed(Socket s, byte[] first, byte[] rest, long capMs) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(first);
        out.flush();
        long start = System.nanoTime();
        int i = 0;
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(capMs)) {
            if (closedWithin(s, TRICKLE_MS)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            try {
                out.write(rest[i++ % rest.length]);
                out.flush();
            } catch (IOException closed) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
        }
        return -1;
    }

    /** Sends {@code first} and nothing more; the milliseconds until the server closes, or -1 after {@code capMs}. */
    private static long stopUntilClosed(Socket s, byte[] first, long capMs) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(first);
        out.flush();
        long start = System.nanoTime();
        return closedWithin(s, capMs) ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) : -1;
    }

    @Test
    void bodiesTrickledOrStoppedMidwayAreCutOffAndNotStoredWhileANormalClientIsServed() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            // More slow clients than worker threads: left alone they would hold every worker for ever.
            int slow = MAX_THREADS + 8;
            long cap = 2 * BODY_GRACE_MS + IDLE_TIMEOUT_MS + LATE_MS;
            ExecutorService pool = Executors.newFixedThreadPool(slow + 1);
            List<CompletableFuture<Void>> headersSent = new ArrayList<>();
            List<Future<Long>> cuts = new ArrayList<>();
            for (int k = 0; k < slow; k++) {
                byte[] body = ascii(batch("slow" + k + "-", 20));
                byte[] head = ascii("POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n");
                byte[] first = new byte[head.length + 40];
                System.arraycopy(head, 0, first, 0, head.length);
                System.arraycopy(body, 0, first, head.length, 40);
                byte[] rest = java.util.Arrays.copyOfRange(body, 40, body.length - 1);
                boolean trickle = k % 2 == 0;
                CompletableFuture<Void> sent = new CompletableFuture<>();
                headersSent.add(sent);
                cuts.add(pool.submit(() -> {
                    try (Socket s = connect(c)) {
                        sent.complete(null);
                        return trickle ? trickleUntilClosed(s, first, rest, cap) : stopUntilClosed(s, first, cap);
                    }
                }));
            }
            CompletableFuture.allOf(headersSent.toArray(new CompletableFuture[0])).get(2, TimeUnit.MINUTES);

            CollectorProcess.Answer normal = c.collect(batch("normal-", 50));
            assertEquals(200, normal.status, normal.toString());
            assertEquals(50, normal.json().path("accepted").asInt(), normal.toString());

            for (int k = 0; k < slow; k++) {
                long ms = cuts.get(k).get(cap + 60_000, TimeUnit.MILLISECONDS);
                assertTrue(ms >= 0, "slow client " + k + " (" + (k % 2 == 0 ? "trickling" : "stopped")
                        + ") still connected after " + cap + " ms");
                // Those that waited for a worker thread start their grace once the handler reads them.
                assertTrue(ms <= 2 * BODY_GRACE_MS + LATE_MS, "slow client " + k + " cut only after " + ms + " ms");
            }
            pool.shutdown();
            assertEquals(50, events(c), "nothing of a cut-off batch is stored");
            String metrics = c.get("/metrics").body;
            assertEquals(slow, metric(metrics, "collector_connections_cut_total{reason=\"slow_body\"}"), metrics);
            assertEquals(200, c.collect(batch("after-", 5)).status);
            assertEquals(55, events(c));
            assertTrue(c.isAlive());
        }
    }

    @Test
    void slowlorisHeadersAndSilentConnectionsAreClosedWithinTheHeaderTimeout() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            long cap = IDLE_TIMEOUT_MS + LATE_MS;
            byte[] head = ascii("POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n");
            byte[] more = ascii("X-Slow: abcdefghijklmnopqrstuvwxyz\r\n");
            ExecutorService pool = Executors.newFixedThreadPool(3);
            Future<Long> trickling = pool.submit(() -> {
                try (Socket s = connect(c)) {
                    return trickleUntilClosed(s, head, more, cap);
                }
            });
            Future<Long> stopped = pool.submit(() -> {
                try (Socket s = connect(c)) {
                    return stopUntilClosed(s, head, cap);
                }
            });
            Future<Long> silent = pool.submit(() -> {
                try (Socket s = connect(c)) {
                    return stopUntilClosed(s, new byte[0], cap);
                }
            });
            CollectorProcess.Answer normal = c.collect(batch("normal-", 10));
            assertEquals(200, normal.status, normal.toString());
            for (Future<Long> f : List.of(trickling, stopped, silent)) {
                long ms = f.get(cap + 60_000, TimeUnit.MILLISECONDS);
                assertTrue(ms >= 0, "a slow client was still connected after " + cap + " ms");
                // Closed by the header deadline, not by the 30 s idle timeout (nor never, for the trickle).
                assertTrue(ms <= HEADER_TIMEOUT_MS + LATE_MS, "cut only after " + ms + " ms");
            }
            pool.shutdown();
            String metrics = c.get("/metrics").body;
            assertEquals(3, metric(metrics, "collector_connections_cut_total{reason=\"slow_headers\"}"), metrics);
            assertEquals(10, events(c));
        }
    }

    @Test
    void aFloodOfConnectionsKeepsThreadsConnectionsAndHeapBoundedAndTheServerServesAfter() throws Exception {
        try (CollectorProcess c = CollectorProcess.serve(dir)) {
            assertEquals(200, c.collect(batch("warm-", 10)).status);
            String before = c.get("/metrics").body;
            double jvmThreadsBefore = metric(before, "jvm_threads_live_threads");
            int threadsBefore = procThreads(c.pid());
            int fdsBefore = openFiles(c.pid());

            int flood = 2_500;
            int port = URI.create(c.url()).getPort();
            int maxThreads = threadsBefore;
            int maxFds = fdsBefore;
            int closedByServer = 0;
            List<SocketChannel> channels = new ArrayList<>();
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < flood; i++) {
                    SocketChannel ch = SocketChannel.open();
                    ch.configureBlocking(false);
                    channels.add(ch);
                    if (ch.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                        ch.register(selector, SelectionKey.OP_READ);
                    } else {
                        ch.register(selector, SelectionKey.OP_CONNECT);
                    }
                }
                // Hold the flood until the server has cut the first wave of silent connections (all it accepted at
                // once, and no more), watching its threads and open files all the while.
                ByteBuffer sink = ByteBuffer.allocate(1024);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                        HEADER_TIMEOUT_MS + IDLE_TIMEOUT_MS + 4 * LATE_MS);
                while (closedByServer < MAX_CONNECTIONS && System.nanoTime() < deadline) {
                    selector.select(200);
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel ch = (SocketChannel) key.channel();
                        try {
                            if (key.isConnectable()) {
                                ch.finishConnect();
                                key.interestOps(SelectionKey.OP_READ);
                            } else if (key.isReadable()) {
                                sink.clear();
                                if (ch.read(sink) < 0) {
                                    closedByServer++;
                                    key.cancel();
                                }
                            }
                        } catch (IOException refusedOrReset) {
                            closedByServer += key.isReadable() ? 1 : 0;
                            key.cancel();
                        }
                    }
                    selector.selectedKeys().clear();
                    assertTrue(c.isAlive(), "the collector died under the flood: " + c.stderr());
                    maxThreads = Math.max(maxThreads, procThreads(c.pid()));
                    maxFds = Math.max(maxFds, openFiles(c.pid()));
                }
            } finally {
                for (SocketChannel ch : channels) {
                    ch.close();
                }
            }
            System.out.printf("flood of %d: threads %d -> at most %d, open files %d -> at most %d%n",
                    flood, threadsBefore, maxThreads, fdsBefore, maxFds);
            assertTrue(closedByServer >= MAX_CONNECTIONS,
                    "the server closed only " + closedByServer + " silent connections");
            // The 512 connections it holds, plus, just after it cuts a wave, those whose descriptors its selector
            // releases on its next pass while it already accepts the next: bounded, and far below the flood.
            assertTrue(maxFds <= fdsBefore + 2 * MAX_CONNECTIONS,
                    "open files rose from " + fdsBefore + " to " + maxFds + " under " + flood + " connections");
            assertTrue(maxThreads <= threadsBefore + MAX_THREADS,
                    "threads rose from " + threadsBefore + " to " + maxThreads + " under " + flood + " connections");

            assertEquals(200, c.get("/health").status);
            CollectorProcess.Answer after = c.collect(batch("after-", 20));
            assertEquals(200, after.status, after.toString());
            assertEquals(20, after.json().path("accepted").asInt());
            assertEquals(30, events(c));
            String metrics = c.get("/metrics").body;
            assertTrue(metric(metrics, "jvm_threads_peak_threads") <= jvmThreadsBefore + MAX_THREADS, metrics);
            double heapUsed = metric(metrics, "jvm_memory_used_bytes{area=\"heap\"");
            double heapMax = metric(metrics, "jvm_memory_max_bytes{area=\"heap\"");
            assertTrue(heapUsed > 0 && heapUsed < heapMax, "heap " + heapUsed + " of " + heapMax);
            assertTrue(metric(metrics, "collector_connections_cut_total{reason=\"slow_headers\"}") >= MAX_CONNECTIONS,
                    metrics);
            assertTrue(c.isAlive());
            assertFalse(c.stderr().contains("OutOfMemoryError"), c.stderr());
        }
    }

    /** The process's thread count ({@code Threads:} of /proc/PID/status: every thread, the JVM's and native). */
    private static int procThreads(long pid) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith("Threads:")).mapToInt(l -> Integer.parseInt(l.substring(8).trim()))
                    .findFirst().orElseThrow();
        }
    }

    /** The process's open file descriptors (its sockets among them). */
    private static int openFiles(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) fds.count();
        }
    }
}
