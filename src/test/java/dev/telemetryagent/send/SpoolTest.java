package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path home;

    private File file(Spool spool, String name, int bytes, long ageMillis) throws Exception {
        StateDirectory.ensureDirectory(spool.dir());
        File f = new File(spool.dir(), name);
        Files.writeString(f.toPath(), "{\"e\":\"" + "x".repeat(Math.max(0, bytes - 9)) + "\"}\n");
        f.setLastModified(System.currentTimeMillis() - ageMillis);
        return f;
    }

    /** A large file that costs no disk: only its length matters to the bounds. */
    private File sparse(Spool spool, String name, long bytes) throws Exception {
        StateDirectory.ensureDirectory(spool.dir());
        File f = new File(spool.dir(), name);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f, "rw")) {
            raf.setLength(bytes);
        }
        return f;
    }

    @Test
    void oldFilesExpireAndAreCounted() throws Exception {
        Spool spool = new Spool(new StateDirectory(home.toString()));
        File old = file(spool, "1000-a-0.jsonl", 100, Spool.MAX_AGE_MILLIS + 60_000);
        File fresh = file(spool, "2000-b-0.jsonl", 100, 0);
        DeliveryStats stats = new DeliveryStats(spool.dir());
        assertEquals(List.of(fresh), spool.prune(stats));
        assertFalse(old.exists());
        assertEquals(1L, stats.read().get(DeliveryStats.EXPIRED));
    }

    @Test
    void totalSizeIsBoundedKeepingTheNewest() throws Exception {
        Spool spool = new Spool(new StateDirectory(home.toString()));
        long each = Spool.MAX_BYTES / 3;
        File a = sparse(spool, "1000-a-0.jsonl", each);
        File b = sparse(spool, "2000-b-0.jsonl", each);
        File c = sparse(spool, "3000-c-0.jsonl", each);
        File d = sparse(spool, "4000-d-0.jsonl", each);
        assertEquals(List.of(b, c, d), spool.files());
        assertFalse(a.exists());
    }

    @Test
    void writingKeepsTheFileCountBounded() throws Exception {
        Spool spool = new Spool(new StateDirectory(home.toString()));
        for (int i = 0; i < Spool.MAX_FILES + 5; i++) {
            file(spool, (1000 + i) + "-r-0.jsonl", 20, 0);
        }
        spool.write(List.of(), "run", 0);
        String[] names = spool.dir().list((dir, name) -> name.endsWith(".jsonl"));
        assertEquals(Spool.MAX_FILES, names.length);
        assertFalse(new File(spool.dir(), "1000-r-0.jsonl").exists());
    }

    @Test
    void senderMarkerIsFreshOnlyWhileASenderCanLive() throws Exception {
        Spool spool = new Spool(new StateDirectory(home.toString()));
        assertFalse(spool.senderActive());
        spool.markSender();
        assertTrue(spool.senderActive());
        new File(spool.dir(), ".sender").setLastModified(System.currentTimeMillis() - Spool.SENDER_STALE_MILLIS - 1000);
        assertFalse(spool.senderActive(), "a sender that died does not stop the next run from starting one");
        spool.clearSender();
        assertFalse(spool.senderActive());
    }

    @Test
    void eachRouteSeesOnlyItsOwnFilesAndItsOwnSenderWhileBoundsCountThemAll() throws Exception {
        StateDirectory state = new StateDirectory(home.toString());
        Spool a = new Spool(state, "aaaa");
        Spool b = new Spool(state, "bbbb");
        File fromA = file(a, "1000-r1-0.aaaa.jsonl", 100, 0);
        File fromB = file(b, "2000-r2-0.bbbb.jsonl", 100, 0);
        assertEquals(List.of(fromA), a.files());
        assertEquals(List.of(fromB), b.files());
        a.markSender();
        assertTrue(a.senderActive());
        assertFalse(b.senderActive(), "a sender of another route does not deliver this route's files");
        for (int i = 0; i < Spool.MAX_FILES; i++) {
            file(b, (3000 + i) + "-r-0.bbbb.jsonl", 10, 0);
        }
        assertTrue(a.files().isEmpty(), "the bound is shared: route a's older file went first");
        assertFalse(fromA.exists());
        new Spool(state).clear();
        assertTrue(b.files().isEmpty(), "disable empties every route");
    }

    @Test
    void routesDifferByEndpointFormatAndKeyAndNeverContainTheKey() {
        dev.telemetryagent.config.SenderSettings one = new dev.telemetryagent.config.SenderSettings(
                "https://a.example/e", dev.telemetryagent.config.Format.JSON, null, 3000, 1000, false);
        dev.telemetryagent.config.SenderSettings two = new dev.telemetryagent.config.SenderSettings(
                "https://b.example/e", dev.telemetryagent.config.Format.JSON, null, 3000, 1000, false);
        dev.telemetryagent.config.SenderSettings keyed = new dev.telemetryagent.config.SenderSettings(
                "https://a.example/e", dev.telemetryagent.config.Format.POSTHOG, "phc_secret", 3000, 1000, false);
        assertFalse(Spool.routeOf(one).equals(Spool.routeOf(two)));
        assertFalse(Spool.routeOf(one).equals(Spool.routeOf(keyed)));
        assertFalse(Spool.routeOf(keyed).contains("phc"));
        assertEquals(Spool.routeOf(one), Spool.routeOf(one));
    }

    @Test
    void aDelivererAdoptsOlderFilesOfRoutesWithoutASenderButNeverNewerOnes() throws Exception {
        StateDirectory state = new StateDirectory(home.toString());
        File old = file(new Spool(state, "old"), "1000-r1-0.old.jsonl", 100, 60_000);
        File busy = file(new Spool(state, "busy"), "1001-r2-0.busy.jsonl", 100, 60_000);
        new Spool(state, "busy").markSender();
        Spool current = new Spool(state, "current", System.currentTimeMillis() - 1_000);
        File newer = file(new Spool(state, "other"), "3000-r3-0.other.jsonl", 100, 0);
        File own = file(current, "2000-r4-0.current.jsonl", 100, 0);
        assertEquals(List.of(old, own), current.files(), "not a busy route's file, not a newer run's");
        assertTrue(busy.exists() && newer.exists());
    }

    @Test
    void aDelivererStartedLateNeverAdoptsANewerRunsFile() throws Exception {
        StateDirectory state = new StateDirectory(home.toString());
        Spool own = new Spool(state, "current");
        long now = System.currentTimeMillis();
        assertEquals(now, own.adoptionCutoff(now), "no file of its own: files older than the deliverer");
        File mine = file(own, "2000-r1-0.current.jsonl", 100, 10_000);
        // Written after this route's run ended, before this route's deliverer got going.
        File newer = file(new Spool(state, "other"), "3000-r2-0.other.jsonl", 100, 3_000);
        File older = file(new Spool(state, "old"), "1000-r3-0.old.jsonl", 100, 60_000);
        Spool deliverer = new Spool(state, "current", own.adoptionCutoff(now));
        assertEquals(List.of(older, mine), deliverer.files());
        assertTrue(newer.exists());
    }

    @Test
    void aMarkerWhoseSenderIsGoneIsNotActiveHoweverFresh() throws Exception {
        Spool spool = new Spool(new StateDirectory(home.toString()));
        spool.markSender();
        assertTrue(spool.senderActive());
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(new File(spool.dir(), ".sender").toPath(), Long.toString(dead.pid()));
        assertFalse(spool.senderActive(), "the process that wrote it has ended");
        Files.writeString(new File(spool.dir(), ".sender").toPath(), "");
        assertFalse(spool.senderActive(), "a marker without a process id");
    }
}
