package dev.telemetryagent.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A key a request must present as {@code Authorization: Bearer KEY}; absent, every request passes. */
final class BearerKey {
    private final byte[] expected;

    BearerKey(String key) {
        this.expected = key == null ? null : ("Bearer " + key).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the header value grants access (compared in constant time). */
    boolean admits(String authorization) {
        if (expected == null) {
            return true;
        }
        return authorization != null
                && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8));
    }
}
