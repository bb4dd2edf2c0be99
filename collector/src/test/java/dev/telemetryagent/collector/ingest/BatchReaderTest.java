package dev.telemetryagent.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telemetryagent.collector.store.StoredEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchReaderTest {

    static String event(String messageId) {
        return "{\"event\":\"command_sync\",\"messageId\":\"" + messageId + "\",\"anonymousId\":\"a1\","
                + "\"timestamp\":\"2026-12-04T10:15:30.123Z\",\"context\":{\"library\":{\"name\":\"acme\","
                + "\"version\":\"1.4.2\"},\"os\":{\"name\":\"Linux\"},\"java\":\"17.0.15\",\"ci_run\":true,"
                + "\"exec_info\":[\"docker\",\"kubernetes\"],\"run_id\":\"r1\"},\"properties\":{"
                + "\"event_category\":\"command\",\"elapsed\":0.25,\"success\":false,\"exit_code\":1,"
                + "\"options\":[\"--verbose\",\"--name\"],\"error_type\":\"java.io.IOException\"}}";
    }

    static ParsedBatch read(String body) throws Exception {
        return BatchReader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidEventBecomesARowWithItsFields() throws Exception {
        ParsedBatch b = read("{\"batch\":[" + event("m1") + "],\"sentAt\":\"x\"}");
        assertEquals(1, b.valid().size());
        StoredEvent e = b.valid().get(0);
        assertEquals("m1", e.messageId());
        assertEquals(Instant.parse("2026-12-04T10:15:30.123Z"), e.timestamp());
        assertEquals("acme", e.appName());
        assertEquals("docker,kubernetes", e.execInfo());
        assertEquals("--verbose,--name", e.options());
        assertEquals(0.25, e.elapsed());
        assertEquals(Boolean.FALSE, e.success());
        assertEquals(Boolean.TRUE, e.ciRun());
        assertEquals("java.io.IOException", e.errorType());
        assertEquals(0, b.rejectedCount());
    }

    @Test
    void eachBadEventIsRejectedWithItsReasonAndTheRestKept() throws Exception {
        String big = "{\"event\":\"e\",\"messageId\":\"m9\",\"anonymousId\":\"a\",\"timestamp\":"
                + "\"2026-12-04T10:15:30Z\",\"properties\":{\"p\":\"" + "x".repeat(BatchReader.EVENT_LIMIT) + "\"}}";
        ParsedBatch b = read("{\"batch\":[" + event("m1") + ","
                + "{\"messageId\":\"m2\",\"anonymousId\":\"a\",\"timestamp\":\"2026-12-04T10:15:30Z\"},"
                + "{\"event\":\"e\",\"messageId\":3,\"anonymousId\":\"a\",\"timestamp\":\"2026-12-04T10:15:30Z\"},"
                + "{\"event\":\"e\",\"messageId\":\"m4\",\"anonymousId\":\"a\",\"timestamp\":\"yesterday\"},"
                + "{\"event\":\"e\",\"messageId\":\"m5\",\"anonymousId\":\"a\",\"timestamp\":\"2026-12-04T10:15:30Z\","
                + "\"properties\":{\"elapsed\":\"slow\"}},"
                + "[1,2],\"text\"," + big + "," + event("m6") + "]}");
        assertEquals(2, b.valid().size());
        assertEquals("m6", b.valid().get(1).messageId());
        assertEquals(Map.of(RejectReason.MISSING_FIELD, 1, RejectReason.WRONG_TYPE, 2,
                RejectReason.BAD_TIMESTAMP, 1, RejectReason.NOT_AN_OBJECT, 2, RejectReason.TOO_LARGE, 1), b.rejected());
    }

    @Test
    void anEventJustWithinTheLimitIsKept() throws Exception {
        String head = "{\"event\":\"e\",\"messageId\":\"m\",\"anonymousId\":\"a\",\"timestamp\":"
                + "\"2026-12-04T10:15:30Z\",\"properties\":{\"p\":\"";
        String tail = "\"}}";
        String exact = head + "x".repeat(BatchReader.EVENT_LIMIT - head.length() - tail.length()) + tail;
        assertEquals(BatchReader.EVENT_LIMIT, exact.length());
        assertEquals(1, read("{\"batch\":[" + exact + "]}").valid().size());
        String over = head + "x".repeat(BatchReader.EVENT_LIMIT - head.length() - tail.length() + 1) + tail;
        assertEquals(Map.of(RejectReason.TOO_LARGE, 1), read("{\"batch\":[" + over + "]}").rejected());
    }

    @Test
    void bodiesThatAreNotTheFormatAreBadRequests() {
        for (String body : new String[] {"", "not json", "[1]", "{\"sentAt\":\"x\"}", "{\"batch\":{}}",
                "{\"batch\":[" + event("m1"), "{\"batch\":[]} trailing"}) {
            assertThrows(BadRequestException.class, () -> read(body), body);
        }
    }

    @Test
    void aBodyOverTheLimitStopsAtTheLimit() {
        InputStream endless = new InputStream() {
            private long served;
            private final byte[] head = "{\"batch\":[\"".getBytes(StandardCharsets.UTF_8);

            @Override
            public int read() {
                served++;
                return served <= head.length ? head[(int) served - 1] : 'x';
            }
        };
        assertThrows(BodyTooLargeException.class, () -> BatchReader.read(endless));
    }
}
