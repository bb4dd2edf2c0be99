package dev.telemetryagent.send;

import dev.telemetryagent.config.EndpointRule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts wire requests with the JDK's HttpClient. Every request is bounded as a whole (connect, TLS,
 * headers and body together), so a black hole, a slow drip or a proxy that never answers costs at most
 * the configured timeout. Never runs on the application's exit path: only in the detached sender or in
 * the background thread of a long run.
 */
public final class HttpDelivery {
    private final long timeoutMillis;
    /** Built on the first request, with the agent's own TLS context when that request is https. */
    private HttpClient client;
    private boolean clientHasAgentTls;

    /** What the collector answered. */
    public static final class Response {
        private final int status;
        private final long retryAfterMillis;
        private final byte[] body;

        Response(int status, long retryAfterMillis) {
            this(status, retryAfterMillis, new byte[0]);
        }

        Response(int status, long retryAfterMillis, byte[] body) {
            this.status = status;
            this.retryAfterMillis = retryAfterMillis;
            this.body = body;
        }

        /** The first bytes of the reply's body (at most {@link ReplyPrefix#LIMIT}). */
        public byte[] body() {
            return body;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }

        /** The collector's Retry-After in milliseconds, or -1 when it gave none. */
        public long retryAfterMillis() {
            return retryAfterMillis;
        }
    }

    /** @param timeoutMs bound of one whole request */
    public HttpDelivery(int timeoutMs) {
        this.timeoutMillis = timeoutMs;
    }

    /**
     * The client for a URL: with the agent's own TLS context ({@link AgentTls}) for https, never the
     * application's default; redirects never followed.
     */
    private synchronized HttpClient client(String url) throws IOException {
        boolean https = url.regionMatches(true, 0, "https:", 0, 6);
        if (client == null || https && !clientHasAgentTls) {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofMillis(timeoutMillis))
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (https) {
                try {
                    b.sslContext(AgentTls.context()).sslParameters(AgentTls.parameters());
                } catch (java.security.GeneralSecurityException e) {
                    throw new IOException("no TLS context of the agent's own", e);
                }
            }
            client = b.build();
            clientHasAgentTls = https;
        }
        return client;
    }

    /**
     * Sends one request within {@code min(timeout, remainingMillis)}.
     *
     * @throws IOException on any network, TLS or protocol failure, a timeout among them; and for a URL
     *         that is neither https:// nor http:// to a loopback host (checked again here, whatever the config
     *         said, so events never cross a network in clear text)
     */
    public Response post(WireRequest request, long remainingMillis) throws IOException, InterruptedException {
        String refused = EndpointRule.check(request.url());
        if (refused != null) {
            throw new IOException("refusing to send: " + refused);
        }
        long bound = Math.max(1L, Math.min(timeoutMillis, remainingMillis));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(Duration.ofMillis(bound))
                .header("Content-Type", "application/json")
                .header("User-Agent", "telemetry-agent")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        CompletableFuture<HttpResponse<byte[]>> future = client(request.url()).sendAsync(b.build(), ReplyPrefix.HANDLER);
        try {
            HttpResponse<byte[]> response = future.get(bound, TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(),
                    retryAfterMillis(response.headers().firstValue("Retry-After").orElse(null)), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + bound + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException(cause == null ? "failed" : cause.getClass().getName(), cause);
        }
    }

    /** Retry-After as delay-seconds or an HTTP date, in milliseconds from now; -1 when absent or unreadable. */
    static long retryAfterMillis(String value) {
        if (value == null) {
            return -1L;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? -1L : Math.min(seconds, Integer.MAX_VALUE) * 1000L;
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0L, at - System.currentTimeMillis());
            } catch (DateTimeParseException notADate) {
                return -1L;
            }
        }
    }
}
