package dev.telemetryagent.event;

import dev.telemetryagent.record.FailureTrace;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The contract's {@code error_fingerprint}: base64url (no padding) of the first 15 bytes of SHA-256
 * over the root type's name followed, for each fingerprint frame, by {@code \n} and
 * {@code class.method}. No salt, so one bug groups across every machine. Computed when the event is
 * built, with the project's own SHA-256: no JCA provider is loaded into the host.
 */
final class ErrorFingerprint {
    private ErrorFingerprint() {
    }

    /** The 20-character fingerprint of a failure. */
    static String of(FailureTrace failure) {
        StringBuilder text = new StringBuilder(failure.fingerprintType());
        for (String frame : failure.frames()) {
            text.append('\n').append(frame);
        }
        byte[] digest = HmacSha256.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
        byte[] head = new byte[15];
        System.arraycopy(digest, 0, head, 0, 15);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(head);
    }
}
