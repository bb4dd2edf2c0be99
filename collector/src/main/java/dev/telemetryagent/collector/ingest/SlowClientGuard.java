package dev.telemetryagent.collector.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Cuts off clients that send their request too slowly. Jetty's idle timeout only closes a connection on which
 * nothing moves, and Jetty 12 keeps {@code HttpConfiguration.setMinRequestDataRate} without enforcing it: a
 * client that drips one byte every few hundred milliseconds would hold a connection slot for ever (slowloris,
 * in the headers) or a worker thread for ever (in the body, which the handler reads blocking), and 32 such
 * clients would stop the collector. Twice a second this guard looks at every open connection's parser and
 * closes the connection when
 * <ul>
 * <li>its first request has not begun {@link #HEADER_TIMEOUT_MS} after it opened, or a request's line and
 * headers are not complete {@link #HEADER_TIMEOUT_MS} after their first byte;</li>
 * <li>a request's body, once the handler reads it, arrives slower than {@link #MIN_BODY_RATE} bytes a second
 * after a grace of {@link #BODY_GRACE_MS} (each byte buys 1/rate seconds beyond the grace).</li>
 * </ul>
 * Only a connection that waits for the client's bytes is judged (headers not at all while jobs wait for a
 * worker thread, as what arrived may be waiting to be read), and the body's clock starts when the handler
 * starts, not when the headers arrived: bytes that wait for a worker thread under load are not the client's
 * fault. Closing the connection fails the handler's blocked read,
 * so nothing of a cut request is stored, and its worker thread is free again.
 */
final class SlowClientGuard extends Handler.Wrapper {
    /** Request line and headers must arrive within this (and a connection's first request must begin). */
    static final long HEADER_TIMEOUT_MS = 10_000;
    /** A body may take this long before its rate counts. */
    static final long BODY_GRACE_MS = 10_000;
    /** Bytes a second a body must keep up after the grace. */
    static final long MIN_BODY_RATE = 1024;
    private static final long SWEEP_MS = 500;

    /** Told of each connection cut off, with the reason ({@code slow_headers}, {@code slow_body}). */
    interface CutListener {
        void cut(String reason);
    }

    private final ServerConnector connector;
    private final QueuedThreadPool threads;
    private final CutListener listener;
    /** Connections whose request is in the handler, with when it started there. */
    private final Map<EndPoint, Long> handling = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    SlowClientGuard(ServerConnector connector, QueuedThreadPool threads, Handler handler, CutListener listener) {
        super(handler);
        this.connector = connector;
        this.threads = threads;
        this.listener = listener;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        Long started = NanoTime.now();
        handling.put(endPoint, started);
        Callback done = Callback.from(callback, () -> handling.remove(endPoint, started));
        boolean handled = false;
        try {
            handled = super.handle(request, response, done);
            return handled;
        } finally {
            if (!handled) {
                handling.remove(endPoint, started);
            }
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        schedule();
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        super.doStop();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = connector.getScheduler().schedule(this::sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            long now = NanoTime.now();
            boolean workWaits = threads.getQueueSize() > 0;
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                String reason = tooSlow(endPoint, now, workWaits);
                if (reason != null) {
                    endPoint.close();
                    handling.remove(endPoint);
                    listener.cut(reason);
                }
            }
        } finally {
            schedule();
        }
    }

    /** Why the connection's current request is too slow, or null. */
    private String tooSlow(EndPoint endPoint, long now, boolean workWaits) {
        // Only a connection waiting for the client's bytes can be the client's fault.
        if (!endPoint.isFillInterested() || !(endPoint.getConnection() instanceof HttpConnection http)) {
            return null;
        }
        HttpParser parser = http.getParser();
        if (parser.inHeaderState() && workWaits) {
            // A connection stays fill-interested until a worker thread reads what arrived: while jobs wait for
            // one, unparsed headers may be the server's delay, not the client's.
            return null;
        }
        if (parser.isStart()) {
            boolean neverBegan = http.getMessagesIn() == 0
                    && System.currentTimeMillis() - http.getCreatedTimeStamp() > HEADER_TIMEOUT_MS;
            return neverBegan ? "slow_headers" : null;
        }
        if (parser.inHeaderState()) {
            long began = parser.getBeginNanoTime();
            return began != 0 && NanoTime.millisElapsed(began, now) > HEADER_TIMEOUT_MS ? "slow_headers" : null;
        }
        if (parser.inContentState()) {
            Long started = handling.get(endPoint);
            long allowedMs = BODY_GRACE_MS + parser.getContentRead() * 1000 / MIN_BODY_RATE;
            return started != null && NanoTime.millisElapsed(started, now) > allowedMs ? "slow_body" : null;
        }
        return null;
    }
}
