package dev.telemetryagent.collector.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetryagent.collector.report.Report;
import dev.telemetryagent.collector.report.ReportFilter;
import dev.telemetryagent.collector.report.ReportJson;
import dev.telemetryagent.collector.report.ReportPages;
import dev.telemetryagent.collector.store.EventStore;
import dev.telemetryagent.collector.store.InsertResult;
import dev.telemetryagent.collector.store.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The collector's endpoints (CONTRACT.md section 8): {@code POST /collect}, {@code GET /health}, and behind the
 * read key {@code GET /report}, {@code /report.json} and {@code /metrics}. Nothing of a request but its body's
 * events is kept, and nothing of it is logged: not its address, not a header, not its content.
 */
public final class CollectorHandler extends Handler.Abstract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STORE_WAIT_SECONDS = 30;
    private static final String JSON_TYPE = "application/json";
    /**
     * How far past the body limit a declared body is still read (and dropped) so that its client gets the 413:
     * as much again as the limit. A larger declared body, or one of no declared length, is answered as soon as
     * it is known to be too large, and its client may see the connection reset instead.
     */
    private static final long OVER_LIMIT_DRAIN = BatchReader.BODY_LIMIT;

    private final EventStore store;
    private final WriteQueue writes;
    private final CollectorMetrics metrics;
    private final BearerKey writeKey;
    private final BearerKey readKey;

    /** Endpoints over {@code store} (written through {@code writes}), with the optional keys. */
    public CollectorHandler(EventStore store, WriteQueue writes, CollectorMetrics metrics, String writeKey,
                            String readKey) {
        this.store = store;
        this.writes = writes;
        this.metrics = metrics;
        this.writeKey = new BearerKey(writeKey);
        this.readKey = new BearerKey(readKey);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String path = Request.getPathInContext(request);
        String endpoint;
        int status;
        switch (path) {
            case "/collect" -> {
                endpoint = "collect";
                status = collect(request, response, callback);
            }
            case "/health" -> {
                endpoint = "health";
                status = onlyGet(request, response, callback) ? health(response, callback) : 405;
            }
            case "/report.json", "/report" -> {
                endpoint = path.substring(1);
                status = !onlyGet(request, response, callback) ? 405
                        : !readAllowed(request, response, callback) ? 401
                        : report(request, response, callback, path.endsWith(".json"));
            }
            case "/metrics" -> {
                endpoint = "metrics";
                status = !onlyGet(request, response, callback) ? 405
                        : !readAllowed(request, response, callback) ? 401
                        : send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            }
            default -> {
                endpoint = "other";
                status = error(response, callback, 404, "no such endpoint");
            }
        }
        metrics.request(endpoint, status, System.nanoTime() - start);
        return true;
    }

    private int collect(Request request, Response response, Callback callback) {
        long declared = request.getLength();
        if (declared > BatchReader.BODY_LIMIT) {
            if (declared <= BatchReader.BODY_LIMIT + OVER_LIMIT_DRAIN) {
                drain(Request.asInputStream(request), declared);
            }
            return error(response, callback, 413, "body over " + BatchReader.BODY_LIMIT + " bytes");
        }
        if (!"POST".equals(request.getMethod())) {
            drain(Request.asInputStream(request), BatchReader.BODY_LIMIT);
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return error(response, callback, 405, "use POST");
        }
        if (!writeKey.admits(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            drain(Request.asInputStream(request), BatchReader.BODY_LIMIT);
            return error(response, callback, 401, "missing or wrong write key");
        }
        ParsedBatch batch;
        InputStream content = Request.asInputStream(request);
        try {
            batch = BatchReader.read(content);
        } catch (BodyTooLargeException e) {
            // Only a body of no declared length gets here: how much more of it would come is unknown.
            release(content);
            return error(response, callback, 413, "body over " + BatchReader.BODY_LIMIT + " bytes");
        } catch (BadRequestException e) {
            drain(content, Math.max(declared, 0L));
            return error(response, callback, 400, e.getMessage());
        } catch (IOException e) {
            release(content);
            return error(response, callback, 400, "the body could not be read");
        }
        release(content);
        metrics.rejected(batch.rejected());
        InsertResult stored = new InsertResult(0, 0);
        if (!batch.valid().isEmpty()) {
            try {
                stored = writes.submit(batch.valid()).get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return error(response, callback, 503, "the store cannot be written now; retry later");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(response, callback, 503, "the collector is stopping; retry later");
            }
        }
        metrics.stored(stored.accepted(), stored.duplicates());
        ObjectNode body = JSON.createObjectNode();
        body.put("accepted", stored.accepted());
        body.put("duplicates", stored.duplicates());
        body.put("rejected", batch.rejectedCount());
        return send(response, callback, 200, JSON_TYPE, body.toString());
    }

    /**
     * Reads and drops what is left of a refused request's body, up to {@code limit} bytes, before the answer: a
     * server that answers and closes with unread bytes makes the client's kernel see a reset, and the client,
     * still sending, loses the answer (RFC 9112, section 9.6). Nothing read is kept. Past the limit, or with a
     * broken client, the connection closes after the answer.
     */
    private static void drain(InputStream rest, long limit) {
        try (InputStream in = new LimitedInputStream(rest, limit)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // Past the limit or a broken client: the connection closes after the answer.
        }
    }

    /** Gives the body's buffer back; a body not read to its end makes the connection close after the answer. */
    private static void release(InputStream content) {
        try {
            content.close();
        } catch (IOException e) {
            // Nothing is left to give back.
        }
    }

    private int health(Response response, Callback callback) {
        boolean ok = store.writable();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", ok ? "ok" : "the store cannot be written");
        return send(response, callback, ok ? 200 : 503, JSON_TYPE, body.toString());
    }

    private int report(Request request, Response response, Callback callback, boolean json) {
        Fields query = Request.extractQueryParameters(request);
        Integer days = null;
        String daysText = query.getValue("days");
        if (daysText != null) {
            try {
                days = Integer.valueOf(daysText);
            } catch (NumberFormatException e) {
                days = 0;
            }
            if (days < 1) {
                return error(response, callback, 400, "days must be a whole number of at least 1");
            }
        }
        String app = query.getValue("app");
        try {
            Report report = store.report(new ReportFilter(days, app == null || app.isEmpty() ? null : app,
                    Instant.now()));
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            return json ? send(response, callback, 200, JSON_TYPE, ReportJson.write(report))
                    : send(response, callback, 200, "text/html; charset=utf-8",
                    ReportPages.current().render(report));
        } catch (StoreUnavailableException e) {
            return error(response, callback, 503, "the store cannot be read now");
        }
    }

    private boolean onlyGet(Request request, Response response, Callback callback) {
        if ("GET".equals(request.getMethod())) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET");
        error(response, callback, 405, "use GET");
        return false;
    }

    private boolean readAllowed(Request request, Response response, Callback callback) {
        if (readKey.admits(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return true;
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        error(response, callback, 401, "missing or wrong read key");
        return false;
    }

    private static int error(Response response, Callback callback, int status, String reason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", reason);
        return send(response, callback, status, JSON_TYPE, body.toString());
    }

    private static int send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
        return status;
    }
}
