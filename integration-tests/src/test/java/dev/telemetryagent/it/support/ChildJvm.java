package dev.telemetryagent.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Launches a sample application in a child JVM, with or without the agent, with an explicit
 * environment (nothing inherited: no CI, no DO_NOT_TRACK from the developer's shell) and its own home.
 */
public final class ChildJvm {
    /** The agent jar under test. */
    public static final String AGENT_JAR = System.getProperty("it.agent.jar",
            Paths.get("target/telemetry-agent.jar").toAbsolutePath().toString());
    /** The java binary of the child (JDK 17 by default, JDK 25 when .ci/run says so). */
    public static final String JAVA = System.getProperty("it.java",
            Paths.get(System.getProperty("java.home"), "bin", "java").toString());

    /** The feature version of the child's JDK (17, 25...), read from its release file. */
    public static int javaFeature() {
        Path release = Paths.get(JAVA).toAbsolutePath().getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    int dot = v.indexOf('.');
                    return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the test JVM's own version
        }
        return Runtime.version().feature();
    }

    private final Path home;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private String classpath;
    private String mainClass;
    private String jar;
    private final List<String> args = new ArrayList<>();
    private String agentArgs;
    private boolean agent = true;
    private Path workingDir;
    private long timeoutSeconds = 60;

    private ChildJvm(Path home) {
        this.home = home;
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        workingDir = home;
    }

    /** A child whose home (and user.home) is {@code home}. */
    public static ChildJvm in(Path home) {
        return new ChildJvm(home);
    }

    public ChildJvm classpath(String cp, String main) {
        this.classpath = cp;
        this.mainClass = main;
        return this;
    }

    public ChildJvm jar(String path) {
        this.jar = path;
        return this;
    }

    public ChildJvm args(String... a) {
        args.addAll(List.of(a));
        return this;
    }

    public ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public ChildJvm jvmArg(String a) {
        jvmArgs.add(a);
        return this;
    }

    public ChildJvm workingDir(Path dir) {
        this.workingDir = dir;
        return this;
    }

    public ChildJvm timeoutSeconds(long s) {
        this.timeoutSeconds = s;
        return this;
    }

    /** Attaches the agent with {@code config=<path>}. */
    public ChildJvm config(Path config) {
        this.agentArgs = "config=" + config;
        return this;
    }

    /** Attaches the agent with these raw agent arguments (or none when null). */
    public ChildJvm agentArgs(String raw) {
        this.agentArgs = raw;
        return this;
    }

    /** Runs without the agent, for the reference run. */
    public ChildJvm withoutAgent() {
        this.agent = false;
        return this;
    }

    public Path home() {
        return home;
    }

    /** The command line this child runs. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.add("-Duser.home=" + home);
        cmd.add("-Xshare:auto");
        if (agent) {
            cmd.add("-javaagent:" + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
        }
        cmd.addAll(jvmArgs);
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(mainClass);
        }
        cmd.addAll(args);
        return cmd;
    }

    /** Runs to completion. */
    public Result run() {
        return run(null);
    }

    /**
     * Runs to completion with {@code input} piped to its stdin (the pipe closes after it), as in
     * {@code printf 'row1\nrow2\n' | tool}; null: stdin is {@code /dev/null}.
     */
    public Result run(String input) {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(workingDir.toFile());
        pb.redirectInput(input == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                : ProcessBuilder.Redirect.PIPE);
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            StreamCollector out = new StreamCollector(p.getInputStream());
            StreamCollector err = new StreamCollector(p.getErrorStream());
            out.start();
            err.start();
            if (input != null) {
                try (java.io.OutputStream in = p.getOutputStream()) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException closedEarly) {
                    // the child ended (or closed its stdin) before reading it all: its output tells
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM did not finish within " + timeoutSeconds + " s: " + command());
            }
            out.join();
            err.join();
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(p.exitValue(), out.text(), err.text(), millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Runs to completion under a pseudo-terminal ({@code script} from util-linux), so that stdin and
     * stdout are a terminal as when a person runs the application; {@code input} is what they type
     * (stdin ends after it). The terminal session ends with the application, hanging up its process
     * group, as closing a terminal window or an ssh session does. The result's stdout holds everything the terminal showed, the child's
     * stdout and stderr together, with line ends as {@code \n}; its stderr is script's own.
     */
    public Result runInTerminal(String input) {
        return runInTerminal(input, null);
    }

    /**
     * As {@link #runInTerminal(String)}, with the child's stderr redirected to {@code stderrFile} (a user
     * running {@code acme 2>log} in a terminal); null keeps it on the terminal.
     */
    public Result runInTerminal(String input, Path stderrFile) {
        StringBuilder shell = new StringBuilder("exec");
        for (String word : command()) {
            shell.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        if (stderrFile != null) {
            shell.append(" 2>'").append(stderrFile.toString().replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", shell.toString(), "/dev/null");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(workingDir.toFile());
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            StreamCollector out = new StreamCollector(p.getInputStream());
            StreamCollector err = new StreamCollector(p.getErrorStream());
            out.start();
            err.start();
            try (java.io.OutputStream in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM did not finish within " + timeoutSeconds + " s: " + shell);
            }
            out.join();
            err.join();
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(p.exitValue(), out.text().replace("\r\n", "\n"), err.text(), millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts the child and returns at once, for tests that act on a running JVM (a dynamic attach). */
    public Running start() {
        return new Running(launch(command()), timeoutSeconds, command());
    }

    /**
     * Runs any command (a JDK tool, a nested build) to completion with this child's explicit environment,
     * working directory and time limit.
     */
    public Result runCommand(List<String> cmd) {
        return new Running(launch(cmd), timeoutSeconds, cmd).finish();
    }

    private Process launch(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(workingDir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A child that is still running. */
    public static final class Running {
        private final Process process;
        private final long timeoutSeconds;
        private final List<String> command;
        private final StreamCollector out;
        private final StreamCollector err;
        private final long start = System.nanoTime();

        Running(Process process, long timeoutSeconds, List<String> command) {
            this.process = process;
            this.timeoutSeconds = timeoutSeconds;
            this.command = command;
            this.out = new StreamCollector(process.getInputStream());
            this.err = new StreamCollector(process.getErrorStream());
            out.start();
            err.start();
        }

        public long pid() {
            return process.pid();
        }

        /** Waits until stdout holds {@code text}; fails when the child ends first or time runs out. */
        public void awaitStdout(String text, java.time.Duration timeout) throws InterruptedException {
            long deadline = Patience.deadline(timeout);
            while (!out.text().contains(text)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("no \"" + text + "\" on stdout; stdout: " + out.text()
                            + " stderr: " + err.text());
                }
                Thread.sleep(20);
            }
        }

        /** Waits for the end and returns what the child produced. */
        public Result finish() {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("process did not finish within " + timeoutSeconds + " s: " + command
                            + "\n--- stdout\n" + out.text() + "--- stderr\n" + err.text());
                }
                out.join();
                err.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Result(process.exitValue(), out.text(), err.text(), (System.nanoTime() - start) / 1_000_000);
        }

        /** Ends the child if it is still running (for cleanup after a failed test). */
        public void kill() {
            process.destroyForcibly();
        }
    }

    /** Writes a file under the child's home and returns its path. */
    public static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a child run produced. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;
        public final long millis;

        Result(int exitCode, String stdout, String stderr, long millis) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.millis = millis;
        }

        /** Lines of stderr the agent printed. */
        public List<String> agentLines() {
            List<String> lines = new ArrayList<>();
            for (String l : stderr.split("\n")) {
                if (l.startsWith("[telemetry-agent]")) {
                    lines.add(l);
                }
            }
            return lines;
        }

        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static final class StreamCollector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        StreamCollector(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                in.transferTo(buf);
            } catch (IOException ignored) {
                // the child ended
            }
        }

        String text() {
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
