package dev.telemetryagent.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The contract's hash: the first 15 bytes of HMAC-SHA256(key = salt, value), base64url without
 * padding, so 20 characters, the same on every machine for the same salt and value.
 */
public final class Hasher {
    private final Mac mac;

    /** @param salt the HMAC key, as UTF-8 */
    public Hasher(String salt) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The 20-character hash of a value. Not thread-safe. */
    public String hash(String value) {
        byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        byte[] head = new byte[15];
        System.arraycopy(full, 0, head, 0, 15);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(head);
    }
}
