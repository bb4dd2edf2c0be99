package dev.telemetryagent.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server on 127.0.0.1 that misbehaves the ways networks do: a black hole (accepts, reads,
 * never answers: also a proxy that hangs), garbage instead of HTTP (also what a TLS client gets from a
 * non-TLS peer), and a slow drip of a response. Counts the connections it accepted.
 */
public final class FaultServer implements AutoCloseable {
    /** How the server misbehaves. */
    public enum Mode {
        /** Accepts and reads, never answers. */
        BLACK_HOLE,
        /** Answers any request with bytes that are not HTTP, then closes. */
        GARBAGE,
        /** Answers one byte of a valid response every 500 ms. */
        SLOW
    }

    private final ServerSocket server;
    private final Mode mode;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public FaultServer(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-server-" + mode);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A loopback port with nothing listening: connections to it are refused. */
    public static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int connections() {
        return connections.get();
    }

    /** Waits until at least {@code n} connections were accepted; fails after the timeout. */
    public void awaitConnections(int n, Duration timeout) throws InterruptedException {
        long deadline = Patience.deadline(timeout);
        while (connections.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " connections to the " + mode + " server within "
                        + timeout + ", got " + connections.get());
            }
            Thread.sleep(20);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "fault-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[8192];
            switch (mode) {
                case BLACK_HOLE:
                    while (in.read(buf) >= 0) {
                        // swallow everything, answer nothing
                    }
                    break;
                case GARBAGE:
                    in.read(buf);
                    out.write("\u0000\u00ff garbage, not HTTP \r\n\r\n{{{".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    break;
                case SLOW:
                    in.read(buf);
                    for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII)) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(500);
                    }
                    break;
                default:
                    break;
            }
        } catch (IOException | InterruptedException ignored) {
            // the client gave up, or the server closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
