package dev.telemetryagent.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Posts wire requests with the JDK's HttpClient, bounded by the configured timeout. Runs only in the sender. */
public final class HttpDelivery {
    private final HttpClient client;
    private final Duration timeout;

    /** @param timeoutMs connect and response timeout of one request */
    public HttpDelivery(int timeoutMs) {
        this.timeout = Duration.ofMillis(timeoutMs);
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends one request; returns the HTTP status. */
    public int post(WireRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "telemetry-agent")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        HttpResponse<Void> response = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
