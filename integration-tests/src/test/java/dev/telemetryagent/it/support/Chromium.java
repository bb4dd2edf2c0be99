package dev.telemetryagent.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium, driven over the Chrome DevTools Protocol with the JDK's WebSocket client: one page,
 * with every script error, console error, log error (a refused load, a policy violation) and network request it
 * makes recorded.
 */
public final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> errors = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private String sessionId;

    /** The Chromium binary on PATH, or null when this machine has none. */
    public static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Paths.get(dir, "chromium");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private Chromium(Process process, WebSocket.Builder builder, URI endpoint) {
        this.process = process;
        this.socket = builder.buildAsync(endpoint, new Listener()).join();
    }

    /** Starts Chromium with a new empty profile in {@code profile}, on loopback, and opens a blank page. */
    public static Chromium start(Path profile) throws Exception {
        Path binary = binary();
        if (binary == null) {
            throw new AssertionError("chromium is not installed (.ci/run installs Debian's chromium package)");
        }
        Files.createDirectories(profile);
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank");
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", profile.toString());
        pb.environment().put("LANG", "C.UTF-8");
        pb.redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile());
        Process process = pb.start();
        // Chromium writes its port and the browser's DevTools path here once it listens.
        Path activePort = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<String> lines = List.of();
        while (lines.size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not start: "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(20);
            lines = Files.exists(activePort) ? Files.readAllLines(activePort) : List.of();
        }
        URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        Chromium chromium = new Chromium(process, HttpClient.newHttpClient().newWebSocketBuilder(), endpoint);
        try {
            chromium.attach();
        } catch (Exception | AssertionError e) {
            chromium.close();
            throw e;
        }
        return chromium;
    }

    private void attach() throws Exception {
        String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        sessionId = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        for (String domain : List.of("Runtime", "Log", "Page", "Network")) {
            send(sessionId, domain + ".enable", Map.of());
        }
        send(sessionId, "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Opens {@code url} in the page and waits for its load event (its scripts have run by then). */
    public void open(String url) throws Exception {
        loaded = new CompletableFuture<>();
        send(sessionId, "Page.navigate", Map.of("url", url));
        loaded.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The value of a script expression in the page. */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode r = send(sessionId, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("script failed: " + expression + ": " + r.path("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until {@code expression} is true in the page. */
    public void await(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!evaluate(expression).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never true in the page within " + timeout + ": " + expression
                        + "; errors: " + errors());
            }
            Thread.sleep(50);
        }
    }

    /** Saves a PNG of the whole page, as tall as its content. */
    public void screenshot(Path png) throws Exception {
        JsonNode size = send(sessionId, "Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(),
                "height", size.path("height").asDouble(), "scale", 1);
        JsonNode shot = send(sessionId, "Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** Every script error, console error and error logged by the browser for the page so far. */
    public List<String> errors() {
        synchronized (errors) {
            return new ArrayList<>(errors);
        }
    }

    /** The URL of every request the page made so far. */
    public List<String> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    private JsonNode send(String session, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.path("error"));
        }
        return answer.path("result");
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> error("exception: " + params.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if (params.path("type").asText().equals("error")) {
                    error("console.error: " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    error("log: " + params.path("entry"));
                }
            }
            case "Network.requestWillBeSent" -> {
                synchronized (requests) {
                    requests.add(params.path("request").path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    private void error(String text) {
        synchronized (errors) {
            errors.add(text);
        }
    }

    /** Joins a message's frames, then hands it on. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    received(JSON.readTree(text.toString()));
                } catch (IOException e) {
                    error("unreadable DevTools message: " + e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
