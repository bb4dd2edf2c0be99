package dev.telemetryagent.collector.ingest;

import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty server with the collector's limits: a bounded thread pool and job queue, a bounded number
 * of connections, small request headers, an idle timeout and {@link SlowClientGuard}'s header and body
 * deadlines against slow clients, and a graceful stop that lets requests in progress finish (their batches
 * committed and answered).
 */
public final class CollectorServer {
    /** Worker threads at most: each request in progress holds one while it reads, parses and waits for its commit. */
    public static final int MAX_THREADS = 32;
    /** Jobs waiting for a thread at most; beyond it Jetty refuses work instead of queueing without bound. */
    public static final int MAX_QUEUED = 256;
    /** Open connections at most; beyond it new connections wait in the kernel's accept queue. */
    public static final int MAX_CONNECTIONS = 512;
    /** A connection with no bytes moving for this long is closed. */
    public static final long IDLE_TIMEOUT_MS = 30_000;
    /** Request line and headers at most (the agent sends a few hundred bytes). */
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    /** How long a stop waits for requests in progress. */
    public static final long STOP_TIMEOUT_MS = 20_000;

    private final Server server;
    private final ServerConnector connector;

    /**
     * A server (not yet started) on {@code bind}:{@code port} (0 for a free one) running {@code handler}, counting
     * the slow clients it cuts off in {@code metrics}.
     */
    public CollectorServer(String bind, int port, Handler handler, CollectorMetrics metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4, 60_000,
                new BlockingArrayQueue<>(MAX_QUEUED, 0, MAX_QUEUED));
        threads.setName("collector-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(new SlowClientGuard(connector, threads, handler, metrics::slowClientCut));
        server.setHandler(graceful);
        server.setStopTimeout(STOP_TIMEOUT_MS);
        server.setStopAtShutdown(false);
    }

    /** Starts listening. */
    public void start() throws Exception {
        server.start();
    }

    /** The address it listens on, as {@code http://ADDRESS:PORT}. */
    public URI address() {
        String host = connector.getHost();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + connector.getLocalPort());
    }

    /** Stops accepting, lets requests in progress finish (up to {@link #STOP_TIMEOUT_MS}), and closes. */
    public void stop() throws Exception {
        server.stop();
    }

    /** Waits until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }
}
