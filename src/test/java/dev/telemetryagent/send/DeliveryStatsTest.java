package dev.telemetryagent.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryStatsTest {
    @TempDir
    Path dir;

    @Test
    void aRejectionIsCountedWithItsReasonAndCountsAddUp() {
        DeliveryStats stats = new DeliveryStats(dir.toFile());
        stats.rejected(3, "HTTP 401");
        stats.rejected(2, "HTTP 400");
        Map<String, Object> m = stats.read();
        assertEquals(5L, ((Number) m.get(DeliveryStats.REJECTED)).longValue());
        assertEquals("HTTP 400", m.get("last_failure"));
        assertTrue(m.get("last_failure_at") instanceof String, m.toString());
    }
}
