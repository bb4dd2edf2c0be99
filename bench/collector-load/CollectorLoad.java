import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator of bench/collector: posts json-format batches of realistic events (20 commands, 1,000
 * installs, 5 versions, about 4% failures, options, durations spread over 30 days) to a running collector from
 * several threads, and prints the sustained rate of events stored and the request latency.
 *
 *   java CollectorLoad.java URL THREADS EVENTS BATCH [FIRST_BATCH]
 *
 * FIRST_BATCH (default 0) numbers the batches, and so their messageIds: two loads with apart numbers send
 * distinct events (bench/collector-postgres runs one against each of two collectors).
 */
public final class CollectorLoad {
    private static final String[] VERSIONS = {"1.0.0", "1.1.0", "1.2.0", "1.2.1", "2.0.0"};
    private static final String[] OS = {"Linux", "Mac OS X", "Windows 11"};
    private static final String[] JAVA = {"17.0.15", "21.0.7", "25"};

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/collect";
        int threads = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int batches = (events + batch - 1) / batch;
        int firstBatch = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failedRequests = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long now = System.currentTimeMillis();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
                int b;
                while ((b = next.getAndIncrement()) < batches) {
                    String body = body(firstBatch + b, batch, now, random);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    for (int attempt = 0; attempt < 5; attempt++) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                            latencies.add(System.nanoTime() - t0);
                            if (r.statusCode() == 200) {
                                String s = r.body();
                                int i = s.indexOf("\"accepted\":") + 11;
                                accepted.addAndGet(Long.parseLong(s.substring(i, s.indexOf(',', i))));
                                break;
                            }
                            failedRequests.incrementAndGet();
                        } catch (Exception e) {
                            failedRequests.incrementAndGet();
                        }
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("events stored: %d in %.1f s = %.0f events/s (%d threads, batches of %d, %d failed "
                        + "requests retried)%n", accepted.get(), seconds, accepted.get() / seconds, threads, batch,
                failedRequests.get());
        System.out.printf("request latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(sorted, 0.50),
                pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1)))) / 1e6;
    }

    private static String body(int b, int size, long now, SplittableRandom random) {
        StringBuilder s = new StringBuilder(size * 700).append("{\"batch\":[");
        for (int i = 0; i < size; i++) {
            int install = random.nextInt(1000);
            int command = (int) Math.min(19, Math.abs(random.nextGaussian() * 6));
            boolean failed = random.nextInt(100) < 4;
            long ts = now - random.nextLong(30L * 86_400_000L);
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"event\":\"command_cmd").append(command).append("\",\"anonymousId\":\"")
                    .append(String.format("%032x", install)).append("\",\"messageId\":\"")
                    .append(String.format("%016x%016x", b, i)).append("\",\"timestamp\":\"")
                    .append(Instant.ofEpochMilli(ts)).append("\",\"context\":{\"ci_run\":")
                    .append(install % 10 == 0).append(",\"cpu\":8,\"library\":{\"name\":\"acme\",\"version\":\"")
                    .append(VERSIONS[install % VERSIONS.length])
                    .append("\"},\"agent\":{\"name\":\"telemetry-agent\",\"version\":\"0.1.0\"},\"os\":{\"name\":\"")
                    .append(OS[install % OS.length]).append("\",\"version\":\"6.1.0\",\"arch\":\"amd64\"},\"java\":\"")
                    .append(JAVA[install % JAVA.length]).append("\",\"run_id\":\"")
                    .append(String.format("%016x%016x", b, i / 4)).append("\"},\"properties\":{")
                    .append("\"event_category\":\"command\",\"event_name\":\"cmd").append(command)
                    .append("\",\"elapsed\":").append(Math.round(random.nextDouble() * random.nextDouble() * 5e6) / 1e6)
                    .append(",\"success\":").append(!failed).append(",\"exit_code\":").append(failed ? 1 : 0)
                    .append(",\"options\":[\"--verbose\"").append(random.nextBoolean() ? ",\"--name\"" : "")
                    .append(']');
            if (failed) {
                s.append(",\"error_type\":\"java.io.IOException\",\"error_site\":\"com.acme.Db.open\",")
                        .append("\"error_fingerprint\":\"OpVShb3cX7qQAmOZSbV8\"");
            }
            s.append("}}");
        }
        return s.append("],\"sentAt\":\"").append(Instant.now()).append("\"}").toString();
    }
}
