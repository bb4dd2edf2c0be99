package dev.telemetryagent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent runs inside every host JVM, where the first lambda or indy string concatenation costs the
 * host tens of milliseconds of class loading. No agent class may contain an invokedynamic.
 */
class StartupCostRulesTest {
    @Test
    void noAgentClassUsesInvokeDynamic() throws IOException {
        Path classes = Paths.get("target/classes");
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertTrue(files.size() > 30, "compiled classes found: " + files.size());
        List<String> offenders = new ArrayList<>();
        for (Path f : files) {
            if (hasInvokeDynamic(f)) {
                offenders.add(classes.relativize(f).toString());
            }
        }
        assertTrue(offenders.isEmpty(), "classes with invokedynamic (lambda, method reference or indy concat): "
                + offenders);
    }

    private static boolean hasInvokeDynamic(Path classFile) throws IOException {
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1: in.skipBytes(in.readUnsignedShort()); break;
                    case 3: case 4: case 9: case 10: case 11: case 12: in.skipBytes(4); break;
                    case 17: case 18: return true;
                    case 5: case 6: in.skipBytes(8); i++; break;
                    case 7: case 8: case 16: case 19: case 20: in.skipBytes(2); break;
                    case 15: in.skipBytes(3); break;
                    default: throw new IOException("unknown constant tag " + tag + " in " + classFile);
                }
            }
            return false;
        }
    }
}
