package dev.telemetryagent.event;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The contract's hash: the first 15 bytes of HMAC-SHA256(key = salt, value), base64url without
 * padding, so 20 characters, the same on every machine for the same salt and value.
 */
public final class Hasher {
    private final HmacSha256 mac;

    /** @param salt the HMAC key, as UTF-8 */
    public Hasher(String salt) {
        mac = new HmacSha256(salt.getBytes(StandardCharsets.UTF_8));
    }

    /** The 20-character hash of a value. */
    public String hash(String value) {
        byte[] full = mac.mac(value.getBytes(StandardCharsets.UTF_8));
        byte[] head = new byte[15];
        System.arraycopy(full, 0, head, 0, 15);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(head);
    }
}
