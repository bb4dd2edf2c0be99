package dev.telemetryagent.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster for one test class: {@code initdb} into a temporary directory owned by the
 * {@code postgres} user (the server refuses to run as root), {@code pg_ctl start} on a free loopback port with
 * password authentication, and a full stop and removal on {@link #close}. Databases are made per test with
 * {@link #createDatabase}; {@link #psql} reads them as any client would.
 */
public final class PostgresServer implements AutoCloseable {
    /** Where Debian's postgresql package puts the server's programs ({@code .ci/run} installs it when missing). */
    public static final Path BIN = Paths.get(System.getProperty("it.postgres.bin", "/usr/lib/postgresql/15/bin"));
    /** The superuser's password (the tests' own cluster; it must never appear in the collector's output). */
    public static final String PASSWORD = "pg-secret-7c1f";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private final int port;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Creates and starts a cluster. */
    public static PostgresServer start() throws Exception {
        Path dir = Files.createTempDirectory("it-postgres");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostgresServer server = new PostgresServer(dir, port);
        try {
            Path pw = dir.resolve("pwfile");
            Files.writeString(pw, PASSWORD + "\n", StandardCharsets.UTF_8);
            if (ROOT) {
                server.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            server.run(server.asPostgres(BIN.resolve("initdb").toString(), "-D", server.data(), "-U", "postgres",
                    "--auth=scram-sha-256", "--pwfile=" + pw, "--no-sync"), true);
            server.startAgain();
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** {@code pg_ctl start}, waiting until it accepts connections. */
    public void startAgain() throws Exception {
        run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("log").toString(), "-w",
                "-t", "120", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"),
                true);
    }

    /** {@code pg_ctl stop -m immediate}: every connection dropped at once, as a crash or restart does. */
    public void stopImmediately() throws Exception {
        run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-w", "-m", "immediate", "stop"), true);
    }

    /** A JDBC URL of database {@code name} for user postgres, without the password. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
    }

    /** Creates an empty database. */
    public void createDatabase(String name) throws Exception {
        psql("postgres", "CREATE DATABASE " + name);
    }

    /** Runs {@code sql} in database {@code db} and returns psql's unaligned, tuples-only output. */
    public String psql(String db, String sql) throws Exception {
        List<String> cmd = asPostgres(BIN.resolve("psql").toString(), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", db, "-c", sql);
        return run(cmd, true).trim();
    }

    /** An open psql session on database {@code db}, fed statements one by one (for locks held across steps). */
    public Session session(String db) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(asPostgres(BIN.resolve("psql").toString(), "-X", "-q", "-At", "-h",
                "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", db));
        pb.environment().put("PGPASSWORD", PASSWORD);
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return new Session(pb.start());
    }

    /** A psql session; closing it ends the session (and so releases what it held). */
    public static final class Session implements AutoCloseable {
        private final Process process;

        private Session(Process process) {
            this.process = process;
        }

        /** Sends one statement (ending in ';') without waiting for it. */
        public void send(String sql) throws IOException {
            process.getOutputStream().write((sql + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private List<String> asPostgres(String... command) {
        List<String> cmd = new ArrayList<>();
        if (ROOT) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        return cmd;
    }

    private String run(List<String> command, boolean mustSucceed) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.directory(dir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (mustSucceed && p.exitValue() != 0) {
            throw new AssertionError(command + " failed (" + p.exitValue() + "): " + text + serverLog());
        }
        return text;
    }

    private String serverLog() {
        try {
            return "\nserver log:\n" + Files.readString(dir.resolve("log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the server (immediately: its data is thrown away) and removes the cluster. */
    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-w", "-m", "immediate", "stop"),
                        false);
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
