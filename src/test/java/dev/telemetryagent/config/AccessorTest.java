package dev.telemetryagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
                "return.a b", "args0", "arg1234567"}) {
            assertThrows(IllegalArgumentException.class, () -> Accessor.parse(bad), bad);
        }
    }
}
