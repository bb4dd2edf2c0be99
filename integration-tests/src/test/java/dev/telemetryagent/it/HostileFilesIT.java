package dev.telemetryagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetryagent.it.support.AgentIT;
import dev.telemetryagent.it.support.ChildJvm;
import dev.telemetryagent.it.support.Configs;
import dev.telemetryagent.it.support.SampleApps;
import dev.telemetryagent.it.support.StateDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files planted by a repository the user cloned, by another local user, or left by a careless
 * maintainer, cannot hurt the application or make the agent send: a FIFO or a link to
 * {@code /dev/stdin} never blocks the application or takes its input; a state directory or file that
 * others can write, or that another user owns, is not used; cleanup never follows a link out of the
 * state directory; a {@code state_dir} shared with other files is refused.
 */
class HostileFilesIT extends AgentIT {
    private static final String PLANTED_ID = "0123456789abcdef0123456789abcdef";
    private static final String INPUT = "row1\nrow2\n";

    private Path config;
    private Path state;
    private Path project;

    @BeforeEach
    void setUp() throws IOException {
        config = ChildJvm.write(home, "agent-config.toml", lineCountConfig(""));
        state = home.resolve(".sample");
        project = Files.createDirectories(home.resolve("project"));
    }

    private String lineCountConfig(String extraTelemetry) {
        return Configs.header(extraTelemetry) + Configs.sender(collector, "")
                + "[[instrument]]\nclass = \"sample.stdin.LineCount\"\nmethods = [\"main\"]\n\n";
    }

    /** The line counter under the agent, run from the project directory, its stdin piped. */
    private ChildJvm.Result countLines(Path agentConfig) {
        return ChildJvm.in(home).classpath(SampleApps.compile("sample-stdin", null), "sample.stdin.LineCount")
                .config(agentConfig).workingDir(project).timeoutSeconds(45).run(INPUT);
    }

    private static void mkfifo(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo " + p);
    }

    private static void plant(String kind, Path where) throws Exception {
        if (kind.equals("fifo")) {
            mkfifo(where);
        } else {
            Files.createDirectories(where.getParent());
            Files.createSymbolicLink(where, Path.of("/dev/stdin"));
        }
    }

    /** The application saw all its input, finished, and the agent's lines quote none of it. */
    private static void assertUnharmed(ChildJvm.Result r) {
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("lines: 2\n", r.stdout, r.toString());
        assertFalse(r.stderr.contains("row1") || r.stderr.contains("row2"), r.stderr);
    }

    private void assertNothingSent() {
        assertEquals(0, StateDirs.spooled(state), "spooled");
        assertEquals(0, collector.requestCount(), "requests");
    }

    private static long agentLines(ChildJvm.Result r) {
        return r.stderr.lines().filter(l -> l.startsWith("[telemetry-agent]")).count();
    }

    @ParameterizedTest(name = "{0} as the project file")
    @CsvSource({"fifo", "stdin"})
    void projectFileThatIsNotARegularFileIsAnOptOutThatNeverReadsStdin(String kind) throws Exception {
        plant(kind, project.resolve(".sample/telemetry.toml"));
        ChildJvm.Result r = countLines(config);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("telemetry disabled: ") && r.stderr.contains("not a regular file"), r.stderr);
        assertEquals(1, agentLines(r), r.stderr);
        assertNothingSent();
    }

    @ParameterizedTest(name = "{0} as the user state file")
    @CsvSource({"fifo", "stdin"})
    void userStateFileThatIsNotARegularFileIsAnOptOutThatNeverReadsStdin(String kind) throws Exception {
        Files.createDirectories(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        plant(kind, state.resolve("telemetry.toml"));
        ChildJvm.Result r = countLines(config);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("telemetry disabled: ") && r.stderr.contains("not a regular file"), r.stderr);
        assertEquals(1, agentLines(r), r.stderr);
        assertNothingSent();
    }

    @ParameterizedTest(name = "{0} as anonymous_id")
    @CsvSource({"fifo", "stdin"})
    void anonymousIdThatIsNotARegularFileSendsNothingAndNeverHangsTheExit(String kind) throws Exception {
        Files.createDirectories(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        plant(kind, state.resolve("anonymous_id"));
        ChildJvm.Result r = countLines(config);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("[telemetry-agent] nothing sent: anonymous_id is not a regular file"), r.stderr);
        assertEquals(1, agentLines(r), r.stderr);
        assertNothingSent();
    }

    @ParameterizedTest(name = "{0} as the config")
    @CsvSource({"fifo", "stdin"})
    void configThatIsNotARegularFileLeavesTheRunUninstrumented(String kind) throws Exception {
        Path bad = home.resolve("conf/agent-config.toml");
        plant(kind, bad);
        ChildJvm.Result r = countLines(bad);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("[telemetry-agent] disabled: invalid config") && r.stderr.contains("not a regular file"),
                r.stderr);
        assertEquals(1, agentLines(r), r.stderr);
        assertNothingSent();
    }

    @Test
    void worldWritableStateDirectoryIsNotTrustedAndItsPlantedIdIsNeverSent() throws Exception {
        Files.createDirectories(state);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path id = Files.writeString(state.resolve("anonymous_id"), PLANTED_ID + "\n");
        Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-rw-rw-"));
        ChildJvm.Result r = countLines(config);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("the state directory is writable by others"), r.stderr);
        assertEquals(1, agentLines(r), r.stderr);
        assertNothingSent();

        // The directory tightened, the planted file is still writable by others: not used either.
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        r = countLines(config);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("[telemetry-agent] nothing sent: anonymous_id is writable by others"), r.stderr);
        assertNothingSent();
        assertFalse(collector.allBytes().contains(PLANTED_ID));

        // Owner-only, the same file is the user's own id, and it is sent: the collector would have seen it.
        Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-------"));
        countLines(config);
        collector.awaitRequests(1, Duration.ofSeconds(20));
        StateDirs.awaitDelivered(state);
        assertTrue(collector.allBytes().contains(PLANTED_ID));
    }

    @Test
    void hashSaltWritableByOthersIsNotUsed() throws Exception {
        Path pipelineConfig = ChildJvm.write(home, "pipeline-config.toml",
                "[app]\nname = \"sample\"\nversion = \"1.0.0\"\n\n[telemetry]\nconsent = \"none\"\n\n"
                        + Configs.sender(collector, "") + Configs.pipeline());
        Files.createDirectories(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path salt = Files.writeString(state.resolve("hash_salt"), "00000000000000000000000000000000planted\n");
        Files.setPosixFilePermissions(salt, PosixFilePermissions.fromString("rw-rw-rw-"));
        ChildJvm.Result r = pipeline("run", "orders", "customers").config(pipelineConfig).run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("[telemetry-agent] nothing sent: hash_salt is writable by others"), r.stderr);
        assertNothingSent();
    }

    @Test
    void stateDirectoryOwnedByAnotherUserIsNotUsed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give files to nobody");
        UserPrincipal nobody = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.createDirectories(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path id = Files.writeString(state.resolve("anonymous_id"), PLANTED_ID + "\n");
        Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-------"));
        Files.setOwner(id, nobody);
        Files.setOwner(state, nobody);
        ChildJvm.Result r = countLines(config);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("the state directory is not owned by you"), r.stderr);
        assertEquals(1, agentLines(r), r.stderr);

        // The directory given back, the file still another user's: not used.
        Files.setOwner(state, Files.getOwner(home));
        r = countLines(config);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("[telemetry-agent] nothing sent: anonymous_id is not owned by you"), r.stderr);
        assertNothingSent();
        assertFalse(collector.allBytes().contains(PLANTED_ID));
    }

    @Test
    void aStateDirectoryAnotherUserPreparedInASharedDirectoryIsNotUsed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as nobody with setpriv");
        // A state_dir under a world-writable directory: user nobody gets there first and plants an id.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
        Path shared = Files.createDirectory(home.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path planted = shared.resolve("sample-state");
        Process p = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "sh", "-c",
                "mkdir -m 700 " + planted + " && umask 077 && echo " + PLANTED_ID + " > " + planted + "/anonymous_id")
                .inheritIO().start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "nobody planted the state dir");
        assertEquals("nobody", Files.getOwner(planted).getName());

        Path sharedConfig = ChildJvm.write(home, "shared-config.toml",
                lineCountConfig("state_dir = \"" + planted + "\"\n"));
        ChildJvm.Result r = countLines(sharedConfig);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("the state directory is not owned by you"), r.stderr);
        assertEquals(1, agentLines(r), r.stderr);
        assertEquals(0, collector.requestCount());
        assertFalse(collector.allBytes().contains(PLANTED_ID));
    }

    @Test
    void aRunNeverWritesOrPrunesThroughASymlinkedSpool() throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        Path old = Files.writeString(docs.resolve("old.jsonl"), "{\"mine\": true}\n");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 30L * 24 * 3600 * 1000));
        Files.createDirectories(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(state.resolve("spool"), docs);
        ChildJvm.Result r = countLines(config);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("[telemetry-agent] nothing sent: spool is a link"), r.stderr);
        try (var files = Files.list(docs)) {
            assertEquals(Set.of("old.jsonl"), files.map(p -> p.getFileName().toString()).collect(
                    java.util.stream.Collectors.toSet()));
        }
        assertEquals(0, collector.requestCount());
    }

    @Test
    void disableLeavesSymlinkedSpoolAndCacheAndTheToolsOwnFilesAlone() throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        Files.writeString(docs.resolve("notes.txt"), "mine");
        Files.writeString(docs.resolve("old.jsonl"), "mine");
        Files.writeString(docs.resolve("stats.json"), "mine");
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("keep.bin"), "mine");
        Files.createDirectories(state.resolve("cache"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(state.resolve("spool"), docs);
        Files.createSymbolicLink(state.resolve("cache/classes"), elsewhere);
        Files.writeString(state.resolve("cache/weaver-x.jar"), "the agent's");
        Files.writeString(state.resolve("tool-settings.yml"), "the tool's own");

        ChildJvm.Result r = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", config.toString(), "disable").run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("Left alone: spool is a link"), r.stderr);
        assertTrue(r.stderr.contains("Left alone: classes is a link"), r.stderr);
        for (String f : new String[] {"notes.txt", "old.jsonl", "stats.json"}) {
            assertTrue(Files.exists(docs.resolve(f)), f);
        }
        assertTrue(Files.exists(elsewhere.resolve("keep.bin")));
        assertTrue(Files.isSymbolicLink(state.resolve("spool")));
        assertTrue(Files.exists(state.resolve("tool-settings.yml")));
        assertTrue(Files.readString(state.resolve("telemetry.toml")).contains("enabled = false"));
    }

    @ParameterizedTest(name = "state_dir = {0}")
    @CsvSource({"~", "~/", "/", "/tmp", "/var/tmp/"})
    void stateDirSharedWithOtherFilesIsRefused(String dir) throws Exception {
        Files.writeString(home.resolve("keep.jsonl"), "mine");
        Path bad = ChildJvm.write(home, "bad-config.toml", lineCountConfig("state_dir = \"" + dir + "\"\n"));
        ChildJvm.Result r = countLines(bad);
        assertUnharmed(r);
        assertTrue(r.stderr.contains("[telemetry-agent] disabled: invalid config") && r.stderr.contains("state_dir"),
                r.stderr);
        assertEquals(1, agentLines(r), r.stderr);
        ChildJvm.Result disable = ChildJvm.in(home).jar(ChildJvm.AGENT_JAR).withoutAgent()
                .args("--config", bad.toString(), "disable").run();
        assertTrue(disable.exitCode != 0, disable.toString());
        assertTrue(Files.exists(home.resolve("keep.jsonl")));
        assertEquals(0, collector.requestCount());
    }

    @Test
    void stateDirectoryIsCreatedOwnerOnlyAndTwoJvmsStartingTogetherShareOneId() throws Exception {
        ChildJvm.Running a = ChildJvm.in(home).classpath(SampleApps.compile("sample-stdin", null),
                "sample.stdin.LineCount").config(config).workingDir(project).start();
        ChildJvm.Running b = ChildJvm.in(home).classpath(SampleApps.compile("sample-stdin", null),
                "sample.stdin.LineCount").config(config).workingDir(project).start();
        assertEquals(0, a.finish().exitCode);
        assertEquals(0, b.finish().exitCode);
        collector.awaitJsonEvents(2, Duration.ofSeconds(20));
        StateDirs.awaitDelivered(state);
        Set<String> ids = new HashSet<>();
        collector.jsonEvents().forEach(e -> ids.add(e.path("anonymousId").asText()));
        assertEquals(1, ids.size(), ids.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("anonymous_id"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("spool"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("spool/.lock"))));
    }
}
