package dev.telemetryagent.instrument;

import dev.telemetryagent.event.HmacSha256;
import dev.telemetryagent.state.FileDeletes;
import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.StateDirectory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Woven class bytes kept between runs under {@code <state_dir>/cache/classes}, so that a warm run
 * returns them without loading Byte Buddy at all (Byte Buddy costs a cold JVM most of a second).
 *
 * <p>An entry is found by class name, a checksum of the original bytes and a key made of the weave
 * plan's fingerprint, the agent build and the JVM version. It is trusted only after every check
 * passes: its recorded key (a changed configuration or agent), a byte-for-byte comparison of the
 * stored original with the class being loaded (a changed class, even one whose checksum collides), and
 * its HMAC-SHA256 under this user's {@link CacheKey}: a checksum anyone can recompute, so a cache
 * entry written by anyone else (another local user, a copied state directory) or damaged is never
 * defined. The woven class is stored as a recipe over the original (runs copied from it and the bytes
 * the weaving added), so the MAC covers a few kilobytes, not the class: the warm path stays cheap.
 * Anything else is a miss and the class is woven afresh. Writes are
 * atomic, so concurrent runs never see half an entry; the cache is bounded in files and bytes.
 */
final class WovenClassCache {
    private static final int MAGIC = 0x54415743;
    private static final int FORMAT = 3;
    private static final int MAC_LENGTH = 32;
    /** Recipe operation: copy {@code len} bytes of the original from {@code src}. */
    private static final byte COPY = 1;
    /** Recipe operation: {@code len} bytes that follow, which the weaving added. */
    private static final byte LITERAL = 2;
    /** A shorter run of bytes shared with the original is stored as it is. */
    private static final int MIN_COPY = 16;
    private static final int MAX_FILES = 400;
    private static final long MAX_BYTES = 64L << 20;
    /** Stored for classes that matched by name but had nothing to weave. */
    private static final byte[] UNCHANGED = new byte[0];

    private final File dir;
    private final String key;
    private boolean pruned;
    private HmacSha256 mac;

    /**
     * @param stateDir the state directory
     * @param key what else the woven bytes depend on: plan fingerprint, agent build, JVM
     */
    WovenClassCache(String stateDir, String key) {
        this.dir = new File(new File(stateDir, "cache"), "classes");
        this.key = key;
    }

    /** The cached woven bytes; {@link #UNCHANGED} (empty) for "leave as is"; null on any miss. */
    byte[] get(String internalName, byte[] original) {
        File f = file(internalName, original);
        // An entry holds the original and the woven class and a small header: anything much larger is
        // not one of ours, and is not read into memory.
        if (!f.isFile() || f.length() > 4L * original.length + 65536) {
            return null;
        }
        HmacSha256 mac = mac(false);
        if (mac == null) {
            return null;
        }
        try (InputStream raw = FileReads.open(f)) {
            byte[] all = readAll(raw, (int) Math.min(f.length(), Integer.MAX_VALUE));
            if (all.length < 12 + MAC_LENGTH) {
                return null;
            }
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0,
                    all.length - MAC_LENGTH));
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(entryKey(internalName))) {
                return null;
            }
            int storedLength = in.readInt();
            if (storedLength != original.length) {
                return null;
            }
            int headerEnd = all.length - MAC_LENGTH - in.available();
            byte[] stored = new byte[storedLength];
            in.readFully(stored);
            int recipeStart = all.length - MAC_LENGTH - in.available();
            int wovenLength = in.readInt();
            if (wovenLength < -1 || !Arrays.equals(stored, original)) {
                return null;
            }
            int recipeEnd = all.length - MAC_LENGTH;
            byte[] tag = mac.mac(signedHead(all, headerEnd, original), 0, headerEnd + 8, all, recipeStart,
                    recipeEnd - recipeStart);
            if (!HmacSha256.same(tag, Arrays.copyOfRange(all, recipeEnd, all.length))) {
                return null;
            }
            if (wovenLength < 0) {
                return recipeEnd == recipeStart + 4 ? UNCHANGED : null;
            }
            return rebuild(all, recipeStart + 4, recipeEnd, original, wovenLength);
        } catch (IOException | RuntimeException corrupt) {
            return null;
        }
    }

    /**
     * The woven class from its recipe: spans copied from the original, and the bytes the weaving added.
     * Null when the recipe does not make exactly {@code wovenLength} bytes from within the original.
     */
    private static byte[] rebuild(byte[] entry, int from, int to, byte[] original, int wovenLength) {
        byte[] woven = new byte[wovenLength];
        int out = 0;
        int at = from;
        while (at < to) {
            byte op = entry[at];
            if (op == COPY && at + 9 <= to) {
                int src = readInt(entry, at + 1);
                int len = readInt(entry, at + 5);
                if (src < 0 || len <= 0 || len > original.length - src || len > wovenLength - out) {
                    return null;
                }
                System.arraycopy(original, src, woven, out, len);
                out += len;
                at += 9;
            } else if (op == LITERAL && at + 5 <= to) {
                int len = readInt(entry, at + 1);
                if (len <= 0 || len > to - at - 5 || len > wovenLength - out) {
                    return null;
                }
                System.arraycopy(entry, at + 5, woven, out, len);
                out += len;
                at += 5 + len;
            } else {
                return null;
            }
        }
        return out == wovenLength ? woven : null;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** Stores the result of weaving; {@code woven} null means the class is left unchanged. */
    void put(String internalName, byte[] original, byte[] woven) {
        try {
            HmacSha256 mac = mac(true);
            StateDirectory.ensureDirectory(dir);
            StateDirectory.writeAtomically(file(internalName, original),
                    EntryBytes.of(entryKey(internalName), original, woven, mac));
            pruneOnce();
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written only costs the next run a fresh weave.
        }
    }

    /** Whether a result from {@link #get} means "leave the class as it is". */
    static boolean isUnchanged(byte[] result) {
        return result == UNCHANGED;
    }

    /** The MAC under this user's key; null when there is no key and {@code create} is false. */
    private HmacSha256 mac(boolean create) {
        if (mac == null) {
            try {
                byte[] k = create ? CacheKey.readOrCreate(dir.getParentFile()) : CacheKey.read(dir.getParentFile());
                if (k != null) {
                    mac = new HmacSha256(k);
                }
            } catch (IOException e) {
                return null;
            }
        }
        return mac;
    }

    /**
     * What the MAC covers besides the woven class's recipe: the entry's header (magic, format, class name and
     * key, the original's length) and the original's CRC-32. The original itself is not hashed (that
     * would double the warm run's cost): it is compared byte for byte with the class being loaded, and
     * an entry is only ever made by this user's own weaving of the original with that name, length and
     * CRC-32 under the same plan, agent and JVM.
     */
    private static byte[] signedHead(byte[] entry, int headerEnd, byte[] original) {
        CRC32 crc = new CRC32();
        crc.update(original, 0, original.length);
        long c = crc.getValue();
        byte[] head = Arrays.copyOf(entry, headerEnd + 8);
        for (int i = 0; i < 8; i++) {
            head[headerEnd + i] = (byte) (c >>> (56 - 8 * i));
        }
        return head;
    }

    private String entryKey(String internalName) {
        return internalName + "|" + key;
    }

    private File file(String internalName, byte[] original) {
        CRC32 crc = new CRC32();
        crc.update(original, 0, original.length);
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        long nameHash = 1125899906842597L;
        for (int i = 0; i < internalName.length(); i++) {
            nameHash = 31 * nameHash + internalName.charAt(i);
        }
        for (int i = 0; i < key.length(); i++) {
            nameHash = 31 * nameHash + key.charAt(i);
        }
        return new File(dir, simple.replace('$', '_') + "-" + Long.toHexString(nameHash) + "-"
                + Long.toHexString(crc.getValue()) + ".bin");
    }

    /** Keeps the cache bounded: the oldest entries go first. Once per run is enough. */
    private void pruneOnce() {
        if (pruned) {
            return;
        }
        pruned = true;
        File[] files = dir.listFiles();
        if (files == null) {
            return;
        }
        long total = 0;
        for (File f : files) {
            total += f.length();
        }
        if (files.length <= MAX_FILES && total <= MAX_BYTES) {
            return;
        }
        Arrays.sort(files, new java.util.Comparator<File>() {
            @Override
            public int compare(File a, File b) {
                return Long.compare(a.lastModified(), b.lastModified());
            }
        });
        int count = files.length;
        for (File f : files) {
            if (count <= MAX_FILES / 2 && total <= MAX_BYTES / 2) {
                break;
            }
            total -= f.length();
            count--;
            FileDeletes.delete(f, false);
        }
    }

    /** The file's bytes, read into one array of its length; a file that changed length meanwhile is a miss. */
    private static byte[] readAll(InputStream in, int expected) throws IOException {
        byte[] buf = new byte[expected];
        int n = 0;
        int r;
        while (n < expected && (r = in.read(buf, n, expected - n)) > 0) {
            n += r;
        }
        if (n != expected || in.read() >= 0) {
            throw new IOException("cache entry changed while it was read");
        }
        return buf;
    }

    /** The length {@link DataOutputStream#writeUTF} gives the string, without its two-byte prefix. */
    private static int utfLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return n;
    }

    /**
     * An entry's bytes, written into one array of exactly their size: a large class's entry needs no
     * growing buffer or copies of it. A class of its own, reached by a static call, so that verifying
     * the cache (which every warm run loads) does not load it.
     */
    private static final class EntryBytes extends OutputStream {
        private final byte[] bytes;
        private int count;

        private EntryBytes(int capacity) {
            bytes = new byte[capacity];
        }

        static byte[] of(String entryKey, byte[] original, byte[] woven, HmacSha256 mac) throws IOException {
            byte[] recipe = woven == null ? new byte[0] : recipe(original, woven);
            EntryBytes buf = new EntryBytes(4 + 4 + 2 + utfLength(entryKey) + 4 + original.length + 4 + recipe.length
                    + MAC_LENGTH);
            DataOutputStream out = new DataOutputStream(buf);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(entryKey);
            out.writeInt(original.length);
            out.flush();
            int headerEnd = buf.count;
            out.write(original);
            out.flush();
            int recipeStart = buf.count;
            out.writeInt(woven == null ? -1 : woven.length);
            out.write(recipe);
            out.flush();
            out.write(mac.mac(signedHead(buf.bytes, headerEnd, original), 0, headerEnd + 8, buf.bytes, recipeStart,
                    buf.count - recipeStart));
            out.flush();
            if (buf.count != buf.bytes.length) {
                throw new IOException("cache entry is not the size it was computed to be");
            }
            return buf.bytes;
        }

        /**
         * The woven class as runs copied from the original and the bytes in between. Weaving keeps most
         * of a class as it was (the constant pool, the methods it does not touch): for picocli's
         * CommandLine, under 1,000 of 72,000 bytes are new, so a warm run authenticates a few kilobytes
         * instead of the whole class. Runs are found through a table of the original's
         * {@link #MIN_COPY}-byte windows at every {@link #MIN_COPY}th offset (every offset cost a first
         * run 12 ms, interpreted, for CommandLine), then extended backwards: any shared run of twice that
         * length holds one such window whole, shorter ones are stored as they are.
         */
        private static byte[] recipe(byte[] original, byte[] woven) throws IOException {
            int size = Integer.highestOneBit(Math.max(16, original.length / MIN_COPY) * 4);
            int[] table = new int[size];
            Arrays.fill(table, -1);
            for (int i = 0; i + MIN_COPY <= original.length; i += MIN_COPY) {
                int slot = window(original, i) & (size - 1);
                if (table[slot] < 0) {
                    table[slot] = i;
                }
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1024);
            DataOutputStream out = new DataOutputStream(bytes);
            int literalFrom = 0;
            int i = 0;
            while (i < woven.length) {
                int src = i + MIN_COPY <= woven.length ? table[window(woven, i) & (size - 1)] : -1;
                int len = 0;
                if (src >= 0) {
                    while (src + len < original.length && i + len < woven.length
                            && original[src + len] == woven[i + len]) {
                        len++;
                    }
                }
                if (len < MIN_COPY) {
                    i++;
                    continue;
                }
                while (i > literalFrom && src > 0 && original[src - 1] == woven[i - 1]) {
                    i--;
                    src--;
                    len++;
                }
                literal(out, woven, literalFrom, i);
                out.writeByte(COPY);
                out.writeInt(src);
                out.writeInt(len);
                i += len;
                literalFrom = i;
            }
            literal(out, woven, literalFrom, woven.length);
            out.flush();
            return bytes.toByteArray();
        }

        private static void literal(DataOutputStream out, byte[] woven, int from, int to) throws IOException {
            if (to > from) {
                out.writeByte(LITERAL);
                out.writeInt(to - from);
                out.write(woven, from, to - from);
            }
        }

        private static int window(byte[] b, int at) {
            int h = 0x811c9dc5;
            for (int k = 0; k < MIN_COPY; k++) {
                h = (h ^ (b[at + k] & 0xff)) * 0x01000193;
            }
            return h ^ (h >>> 15);
        }

        @Override
        public void write(int b) {
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }
    }
}
