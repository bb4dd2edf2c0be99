package dev.telemetryagent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Fixed vectors computed independently (Python hmac/hashlib, first 15 bytes, base64url, no padding). */
class HasherTest {
    @Test
    void matchesTheContractVectors() {
        assertEquals("CwPyyBwU57IbGC4LxSae", new Hasher("acme").hash("pipedrive"));
        assertEquals("kKzmDyXybvVBuNrQyE4V", new Hasher("test-salt").hash("my_pipeline"));
        assertEquals("ZOygfM5nkpw1fWPQpK7C", new Hasher("s").hash(""));
        assertEquals("Ufzk5LmAovuCNkfulH_A", new Hasher("ключ").hash("名前"));
    }

    @Test
    void isTwentyCharactersAndStableAcrossInstances() {
        Hasher a = new Hasher("x");
        assertEquals(20, a.hash("value").length());
        assertEquals(a.hash("value"), new Hasher("x").hash("value"));
    }
}
