package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.telemetryagent.record.FailureTrace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The fingerprint's exact input and encoding (contract, section 3), checked against the JDK's SHA-256. */
class ErrorFingerprintTest {
    private static String expected(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 15));
    }

    @Test
    void rootTypeThenEachFrameAfterANewline() throws Exception {
        FailureTrace f = FailureTrace.example("java.io.UncheckedIOException", "java.io.IOException", "msg",
                "com.acme.Db.open", "com.acme.Db$Pool.get");
        String fp = ErrorFingerprint.of(f);
        assertEquals(expected("java.io.IOException\ncom.acme.Db.open\ncom.acme.Db$Pool.get"), fp);
        assertEquals(20, fp.length());
    }

    @Test
    void withoutACauseOrFramesItIsTheTypeAlone() throws Exception {
        assertEquals(expected("java.lang.IllegalStateException"),
                ErrorFingerprint.of(FailureTrace.example("java.lang.IllegalStateException", null, null)));
    }

    @Test
    void theMessageIsNotPartOfIt() {
        assertEquals(ErrorFingerprint.of(FailureTrace.example("a.B", null, "one", "a.B.c")),
                ErrorFingerprint.of(FailureTrace.example("a.B", null, "two", "a.B.c")));
        assertNotEquals(ErrorFingerprint.of(FailureTrace.example("a.B", null, null, "a.B.c")),
                ErrorFingerprint.of(FailureTrace.example("a.B", null, null, "a.B.d")));
    }
}
