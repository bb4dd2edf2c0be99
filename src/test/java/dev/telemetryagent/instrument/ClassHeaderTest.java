package dev.telemetryagent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ClassHeaderTest {
    static class Sample extends Thread implements Callable<String>, java.io.Serializable, Runnable {
        private static final long serialVersionUID = 1L;
        static final long BIG = 1L << 40;
        static final double D = 2.5;
        static final String TEXT = "héllo ✓";

        @Override
        public String call() {
            return TEXT + BIG + D;
        }
    }

    interface Marker extends Runnable {
    }

    static byte[] bytesOf(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsSuperAndInterfacesPastLongsDoublesAndUtf8() throws IOException {
        ClassHeader h = ClassHeader.parse(bytesOf(Sample.class));
        assertEquals("java/lang/Thread", h.superName);
        assertArrayEquals(new String[] {"java/util/concurrent/Callable", "java/io/Serializable", "java/lang/Runnable"},
                h.interfaces);
        assertTrue(h.majorVersion >= 55);
        ClassHeader m = ClassHeader.parse(bytesOf(Marker.class));
        assertTrue(m.isInterface);
        assertArrayEquals(new String[] {"java/lang/Runnable"}, m.interfaces);
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertNull(ClassHeader.parse(new byte[0]));
        assertNull(ClassHeader.parse("not a class file at all".getBytes()));
        byte[] truncated = new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9, 1};
        assertNull(ClassHeader.parse(truncated));
    }
}
