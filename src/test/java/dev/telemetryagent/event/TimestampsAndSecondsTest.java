package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsAndSecondsTest {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void timestampsMatchJavaTimeEverywhere() {
        assertEquals("1970-01-01T00:00:00.000Z", Timestamps.iso(0));
        assertEquals("2026-11-21T10:15:30.123Z", Timestamps.iso(Instant.parse("2026-11-21T10:15:30.123Z").toEpochMilli()));
        assertEquals("2000-02-29T23:59:59.999Z", Timestamps.iso(Instant.parse("2000-02-29T23:59:59.999Z").toEpochMilli()));
        Random r = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long ms = (long) (r.nextDouble() * 4_102_444_800_000L);
            assertEquals(ISO_MILLIS.format(Instant.ofEpochMilli(ms)), Timestamps.iso(ms));
        }
    }

    @Test
    void secondsPrintAsPlainDecimalsWithMicroseconds() {
        assertEquals("2.234885", new Seconds(2_234_885_123L).toString());
        assertEquals("0.0", new Seconds(0).toString());
        assertEquals("0.000001", new Seconds(1_000).toString());
        assertEquals("1.5", new Seconds(1_500_000_000L).toString());
        assertEquals("0.00002", new Seconds(20_499).toString());
        assertEquals(2.234885123, new Seconds(2_234_885_123L).doubleValue(), 1e-12);
    }

    @Test
    void secondsMatchBigDecimalsRoundedToTheMicrosecondWithoutTrailingZeros() {
        Random r = new Random(7);
        long[] fixed = {0L, 499L, 500L, 999_999_499L, 999_999_500L, 1_000_000_000L, 10_000_000L, 100_000L,
            3_600_000_000_000L, Long.MAX_VALUE - 1000L};
        for (int i = 0; i < 20_000 + fixed.length; i++) {
            long nanos = i < fixed.length ? fixed[i] : (long) (Math.pow(10, r.nextDouble() * 15));
            java.math.BigDecimal micros = java.math.BigDecimal.valueOf(nanos)
                    .divide(java.math.BigDecimal.valueOf(1000), 0, java.math.RoundingMode.HALF_UP);
            String expected = micros.movePointLeft(6).stripTrailingZeros().toPlainString();
            if (expected.indexOf('.') < 0) {
                expected += ".0";
            }
            assertEquals(expected, new Seconds(nanos).toString(), Long.toString(nanos));
        }
    }
}
