package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The hand-written HMAC-SHA256 against the JDK's, on every length around block boundaries and random data. */
class HmacSha256Test {
    @Test
    void sha256MatchesTheJdk() throws Exception {
        Random r = new Random(1);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        for (int len = 0; len < 300; len++) {
            byte[] m = new byte[len];
            r.nextBytes(m);
            assertArrayEquals(jdk.digest(m), HmacSha256.sha256(m), "length " + len);
        }
    }

    @Test
    void hmacMatchesTheJdkForShortAndLongKeys() throws Exception {
        Random r = new Random(2);
        for (int i = 0; i < 500; i++) {
            byte[] key = new byte[1 + r.nextInt(150)];
            byte[] msg = new byte[r.nextInt(200)];
            r.nextBytes(key);
            r.nextBytes(msg);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            assertArrayEquals(mac.doFinal(msg), new HmacSha256(key).mac(msg));
        }
    }

    @Test
    void aMessageInTwoRangesHasTheMacOfTheWhole() throws Exception {
        Random r = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[32];
            byte[] msg = new byte[r.nextInt(400)];
            r.nextBytes(key);
            r.nextBytes(msg);
            int cut = msg.length == 0 ? 0 : r.nextInt(msg.length);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] padded = new byte[msg.length + 10];
            System.arraycopy(msg, cut, padded, 5, msg.length - cut);
            assertArrayEquals(mac.doFinal(msg), new HmacSha256(key).mac(msg, 0, cut, padded, 5, msg.length - cut));
        }
    }
}
