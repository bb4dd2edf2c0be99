package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.consent.StateDirectory;
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
        int each = (int) (Spool.MAX_BYTES / 3);
        File a = file(spool, "1000-a-0.jsonl", each, 0);
        File b = file(spool, "2000-b-0.jsonl", each, 0);
        File c = file(spool, "3000-c-0.jsonl", each, 0);
        File d = file(spool, "4000-d-0.jsonl", each, 0);
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
}
