package dev.telemetryagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessorTest {
    @Test
    void parsesRootsAndSegments() {
        Accessor a = Accessor.parse("return.status");
        assertEquals(Accessor.Root.RETURN, a.root());
        assertEquals(List.of("status"), a.segments());
        Accessor b = Accessor.parse("arg12.config.name");
        assertEquals(Accessor.Root.ARGUMENT, b.root());
        assertEquals(12, b.argumentIndex());
        assertEquals(List.of("config", "name"), b.segments());
        assertEquals(Accessor.Root.THIS, Accessor.parse("this").root());
    }

    @Test
    void rejectsWhatIsNotAnAccessor() {
        for (String bad : new String[] {"", "self", "arg", "arg-1", "argx", "this.", "this..x", "this.1x",
                "return.a b", "args0", "arg1234567", "this.class", "arg0.new", "return.null", "this.x.true",
                "arg0.delete()", "this._"}) {
            assertThrows(IllegalArgumentException.class, () -> Accessor.parse(bad), bad);
        }
    }

    @Test
    void aPropertyOrHashIsSecretWhenItsNameOrTheLastSegmentNamesASecret() {
        assertTrue(Accessor.parse("this.dbPassword").forProperty("db").isSecret());
        assertTrue(Accessor.parse("arg0.config.apiKey").forProperty("k").isSecret());
        assertTrue(Accessor.parse("arg0").forProperty("session_token").isSecret());
        assertTrue(Accessor.parse("this.name").forProperty("auth_mode").isSecret());
        assertTrue(Accessor.parse("this.PRIVATE_KEY").forProperty("k").isSecret());
        assertFalse(Accessor.parse("this.password.length").forProperty("n").isSecret(),
                "only the last segment names what is read");
        assertFalse(Accessor.parse("this.name").forProperty("pipeline").isSecret());
        assertFalse(Accessor.parse("this.dbPassword").isSecret(), "a success rule is never sent");
    }

    @Test
    void secretNamesAreTheContractsListAsCaseInsensitiveParts() {
        for (String n : new String[] {"password", "DB_PASSWD", "pwd", "clientSecret", "refresh_token", "api_key",
            "api-key", "ApiKey", "credentials", "private_key", "privateKey", "PRIVATE-KEY", "OAuth", "authorization"}) {
            assertTrue(SecretNames.isSecret(n), n);
        }
        for (String n : new String[] {"name", "destination", "dataset_name", "api", "key", "private"}) {
            assertFalse(SecretNames.isSecret(n), n);
        }
    }
}
