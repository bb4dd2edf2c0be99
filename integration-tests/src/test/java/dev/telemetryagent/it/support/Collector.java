package dev.telemetryagent.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP collector on 127.0.0.1 that records every request it receives. */
public final class Collector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received request. */
    public static final class Request {
        public final String method;
        public final String path;
        public final Map<String, String> headers;
        public final byte[] body;

        Request(String method, String path, Map<String, String> headers, byte[] body) {
            this.method = method;
            this.path = path;
            this.headers = headers;
            this.body = body;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + bodyText(), e);
            }
        }
    }

    /** Decides the response to one request: a status code, or -1 to never answer. */
    public interface Responder {
        int status(Request request, int requestNumber);
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger count = new AtomicInteger();
    private volatile Responder responder = (r, n) -> 200;
    private volatile String retryAfter;

    public Collector() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "collector");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public void respondWith(Responder r) {
        this.responder = r;
    }

    /** Adds {@code Retry-After: value} to every 429 and 503 answer. */
    public void retryAfter(String value) {
        this.retryAfter = value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
            int n = count.incrementAndGet();
            requests.add(r);
            int status = responder.status(r, n);
            if (status < 0) {
                sleepQuietly(Duration.ofMinutes(5));
                return;
            }
            byte[] response = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (retryAfter != null && (status == 429 || status == 503)) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        } finally {
            exchange.close();
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Base URL, e.g. http://127.0.0.1:41234 */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request so far. */
    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    public int requestCount() {
        return count.get();
    }

    /** Waits until at least {@code n} requests arrived; fails after the timeout. */
    public List<Request> awaitRequests(int n, Duration timeout) throws InterruptedException {
        long deadline = Patience.deadline(timeout);
        while (count.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " requests at the collector within " + timeout
                        + ", got " + count.get());
            }
            Thread.sleep(20);
        }
        return requests();
    }

    /** Waits for events in the json format until {@code n} arrived; returns them in arrival order. */
    public List<JsonNode> awaitJsonEvents(int n, Duration timeout) throws InterruptedException {
        long deadline = Patience.deadline(timeout);
        while (true) {
            List<JsonNode> events = jsonEvents();
            if (events.size() >= n) {
                return events;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " events within " + timeout + ", got " + events.size()
                        + ": " + events);
            }
            Thread.sleep(20);
        }
    }

    /** Every event received so far in json-format batches. */
    public List<JsonNode> jsonEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (Request r : requests()) {
            for (JsonNode e : r.json().path("batch")) {
                events.add(e);
            }
        }
        return events;
    }

    /** Every byte received, as text (for scans that nothing secret arrived). */
    public String allBytes() {
        StringBuilder sb = new StringBuilder();
        for (Request r : requests()) {
            sb.append(r.method).append(' ').append(r.path).append('\n');
            r.headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
            sb.append(r.bodyText()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
