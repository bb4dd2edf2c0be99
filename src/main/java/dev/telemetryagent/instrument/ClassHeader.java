package dev.telemetryagent.instrument;

/**
 * The few facts about a class file that matching needs (version, super class, interfaces), read
 * straight from its bytes: cheap enough to run for every class the application loads, and it never
 * loads or links anything.
 */
final class ClassHeader {
    private static final int MAGIC = 0xCAFEBABE;

    final int majorVersion;
    final boolean isInterface;
    final String superName;
    final String[] interfaces;

    private ClassHeader(int majorVersion, boolean isInterface, String superName, String[] interfaces) {
        this.majorVersion = majorVersion;
        this.isInterface = isInterface;
        this.superName = superName;
        this.interfaces = interfaces;
    }

    /** Parses the header, or returns null when the bytes are not a class file this parser understands. */
    static ClassHeader parse(byte[] b) {
        try {
            if (b.length < 10 || readInt(b, 0) != MAGIC) {
                return null;
            }
            int major = readUnsignedShort(b, 6);
            int count = readUnsignedShort(b, 8);
            int[] offsets = new int[count];
            int p = 10;
            for (int i = 1; i < count; i++) {
                offsets[i] = p;
                int tag = b[p] & 0xff;
                switch (tag) {
                    case 1: // Utf8
                        p += 3 + readUnsignedShort(b, p + 1);
                        break;
                    case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                        p += 5;
                        break;
                    case 5: case 6: // Long, Double take two slots
                        p += 9;
                        i++;
                        break;
                    case 7: case 8: case 16: case 19: case 20:
                        p += 3;
                        break;
                    case 15:
                        p += 4;
                        break;
                    default:
                        return null;
                }
            }
            int access = readUnsignedShort(b, p);
            int superIndex = readUnsignedShort(b, p + 4);
            int interfaceCount = readUnsignedShort(b, p + 6);
            String[] interfaces = new String[interfaceCount];
            for (int i = 0; i < interfaceCount; i++) {
                interfaces[i] = className(b, offsets, readUnsignedShort(b, p + 8 + 2 * i));
            }
            String superName = superIndex == 0 ? null : className(b, offsets, superIndex);
            return new ClassHeader(major, (access & 0x0200) != 0, superName, interfaces);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static String className(byte[] b, int[] offsets, int classIndex) {
        int nameIndex = readUnsignedShort(b, offsets[classIndex] + 1);
        int at = offsets[nameIndex];
        int length = readUnsignedShort(b, at + 1);
        return modifiedUtf8(b, at + 3, length);
    }

    private static String modifiedUtf8(byte[] b, int from, int length) {
        char[] chars = new char[length];
        int n = 0;
        int i = from;
        int end = from + length;
        while (i < end) {
            int c = b[i++] & 0xff;
            if (c < 0x80) {
                chars[n++] = (char) c;
            } else if ((c & 0xe0) == 0xc0) {
                chars[n++] = (char) (((c & 0x1f) << 6) | (b[i++] & 0x3f));
            } else {
                chars[n++] = (char) (((c & 0x0f) << 12) | ((b[i++] & 0x3f) << 6) | (b[i++] & 0x3f));
            }
        }
        return new String(chars, 0, n);
    }

    private static int readUnsignedShort(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
