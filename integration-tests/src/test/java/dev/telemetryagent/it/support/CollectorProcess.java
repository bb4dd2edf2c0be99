package dev.telemetryagent.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real collector ({@code target/telemetry-collector.jar}) in a child JVM, with an explicit environment, its
 * stdout and stderr collected; {@code serve} started on a free loopback port, or any other command run to its end.
 */
public final class CollectorProcess implements AutoCloseable {
    /** The collector jar under test. */
    public static final String JAR = System.getProperty("it.collector.jar",
            Paths.get("target/telemetry-collector.jar").toAbsolutePath().toString());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** An HTTP answer. */
    public static final class Answer {
        public final int status;
        public final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final Process process;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;
    private volatile String url;

    private CollectorProcess(List<String> command, Path workingDir) throws IOException {
        this(command, workingDir, Map.of());
    }

    private CollectorProcess(List<String> command, Path workingDir, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("HOME", workingDir.toString());
        pb.environment().putAll(env);
        pb.directory(workingDir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        process = pb.start();
        outReader = reader(process.getInputStream(), stdout, true);
        errReader = reader(process.getErrorStream(), stderr, false);
    }

    private Thread reader(java.io.InputStream in, StringBuilder sink, boolean watchListening) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (sink) {
                        sink.append(line).append('\n');
                    }
                    if (watchListening && line.startsWith("listening on ")) {
                        url = line.substring("listening on ".length());
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The java command of the collector with {@code args}, under {@code prefix} (for example setpriv). */
    public static List<String> command(List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(ChildJvm.JAVA);
        cmd.add("-Xmx256m");
        cmd.add("-jar");
        cmd.add(JAR);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code serve --port 0 ARGS} in {@code dir} and waits for its "listening on" line. */
    public static CollectorProcess serve(Path dir, String... args) throws Exception {
        return serve(dir, Map.of(), args);
    }

    /** Starts {@code serve --port 0 ARGS} in {@code dir} with {@code env} added to its environment. */
    public static CollectorProcess serve(Path dir, Map<String, String> env, String... args) throws Exception {
        return awaitListening(start(dir, env, args));
    }

    /** Starts {@code serve --port 0 ARGS} without waiting for it (see {@link #awaitListening}). */
    public static CollectorProcess start(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("serve", "--port", "0"));
        all.addAll(List.of(args));
        return new CollectorProcess(command(List.of(), all.toArray(new String[0])), dir, env);
    }

    /** Waits for a started collector's "listening on" line; fails with its output if it ends first. */
    public static CollectorProcess awaitListening(CollectorProcess c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (c.url == null) {
            if (!c.process.isAlive() || System.nanoTime() > deadline) {
                c.process.destroyForcibly();
                c.process.waitFor(10, TimeUnit.SECONDS);
                c.outReader.join(5000);
                c.errReader.join(5000);
                throw new AssertionError("collector did not start: " + c.stdout + c.stderr);
            }
            Thread.sleep(20);
        }
        return c;
    }

    /** A command run to its end. */
    public static final class Finished {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        Finished(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** Runs a collector command in {@code dir} to its end, under {@code prefix}. */
    public static Finished run(Path dir, List<String> prefix, String... args) throws Exception {
        return run(dir, Map.of(), prefix, args);
    }

    /** Runs a collector command in {@code dir} to its end, under {@code prefix}, with {@code env} added. */
    public static Finished run(Path dir, Map<String, String> env, List<String> prefix, String... args)
            throws Exception {
        CollectorProcess c = new CollectorProcess(command(prefix, args), dir, env);
        if (!c.process.waitFor(120, TimeUnit.SECONDS)) {
            c.process.destroyForcibly();
            throw new AssertionError("collector command did not finish: " + List.of(args));
        }
        c.outReader.join(10_000);
        c.errReader.join(10_000);
        return new Finished(c.process.exitValue(), c.stdout(), c.stderr());
    }

    /** http://127.0.0.1:PORT */
    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        synchronized (stdout) {
            return stdout.toString();
        }
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /** POST {@code body} to {@code path} with {@code headers}. */
    public Answer post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(b::header);
        return send(b.build());
    }

    /** POST a JSON text to /collect. */
    public Answer collect(String body) {
        return post("/collect", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A request with any method. */
    public Answer request(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return send(b.build());
    }

    /** GET {@code path}. */
    public Answer get(String path) {
        return request("GET", path, Map.of());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the collector with SIGKILL and waits for it to be gone. */
    public void kill9() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM and returns the exit status. */
    public int terminate() throws Exception {
        // Through the handle: Process.destroy() would also close our ends of its stdout and stderr, losing
        // what it prints while it stops.
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("collector did not stop on SIGTERM");
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
