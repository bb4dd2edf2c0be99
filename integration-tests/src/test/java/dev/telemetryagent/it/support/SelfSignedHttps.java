package dev.telemetryagent.it.support;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS collector on loopback with a self-signed certificate (made by keytool, valid for 127.0.0.1 and
 * localhost): only a client that trusts anything gets a request through. Counts the requests that did.
 */
public final class SelfSignedHttps implements AutoCloseable {
    private final HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private final Path dir;

    public SelfSignedHttps(Path dir) throws Exception {
        this(dir, "ip:127.0.0.1,dns:localhost");
    }

    /** @param san the names the certificate is valid for, as keytool's {@code -ext san=} takes them */
    public SelfSignedHttps(Path dir, String san) throws Exception {
        this.dir = dir;
        Path store = dir.resolve("self-signed.p12");
        keytool("-genkeypair", "-alias", "collector", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=" + san, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass",
                "changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "self-signed-collector");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    private static void keytool(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(java.util.List.of(args));
        Process keytool = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    /** A trust store (PKCS12, password "changeit") that trusts this server's certificate. */
    public Path trustStore() throws Exception {
        Path cert = dir.resolve("self-signed.cer");
        Path trust = dir.resolve("trust.p12");
        keytool("-exportcert", "-alias", "collector", "-keystore", dir.resolve("self-signed.p12").toString(),
                "-storepass", "changeit", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "collector", "-file", cert.toString(), "-storetype",
                "PKCS12", "-keystore", trust.toString(), "-storepass", "changeit");
        return trust;
    }

    /** https://127.0.0.1:PORT */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests that got through the TLS handshake. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
