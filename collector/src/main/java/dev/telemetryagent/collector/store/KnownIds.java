package dev.telemetryagent.collector.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code messageId}s of the stored events, as a Bloom filter: "not stored" is certain, "stored" only likely
 * (about 1% of new ids look stored while it holds no more than its capacity). It is exact in the direction that
 * matters only while every write goes through it, so only a store this process alone writes (an embedded file it
 * holds locked) keeps one: the ids it calls new are appended straight into {@code events}, the others take the
 * database's {@code ON CONFLICT} path. Ids deleted by retention stay in it and only cost that path.
 *
 * <p>Ten bits an id at capacity (1.25 MB a million ids); past its capacity it is rebuilt twice as large from the
 * table, up to {@link #MAX_BITS}, beyond which it only grows less exact.
 */
final class KnownIds {
    private static final int HASHES = 7;
    private static final long BITS_PER_ID = 10;
    private static final long MIN_CAPACITY = 1L << 20;
    /** 64 MiB: about 54 million ids at 1%. */
    private static final long MAX_BITS = 1L << 29;

    private final long[] words;
    private final long bitCount;
    private final long capacity;
    private long count;

    private KnownIds(long capacity) {
        long bits = Math.min(MAX_BITS, Math.max(64, capacity * BITS_PER_ID));
        this.bitCount = bits & ~63L;
        this.words = new long[(int) (bitCount / 64)];
        this.capacity = bitCount / BITS_PER_ID;
    }

    /** A filter of every {@code messageId} in the events table, with room for as many again. */
    static KnownIds load(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            long rows;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                rows = rs.getLong(1);
            }
            KnownIds ids = new KnownIds(Math.max(MIN_CAPACITY, 2 * rows));
            try (ResultSet rs = st.executeQuery("SELECT message_id FROM events")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** An empty filter for {@code capacity} ids (for tests). */
    static KnownIds empty(long capacity) {
        return new KnownIds(capacity);
    }

    /** False when {@code id} is certainly not stored. */
    boolean mightContain(String id) {
        long h1 = hash(id);
        long h2 = mix(h1 ^ 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bitCount);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Records {@code id} as stored. */
    void add(String id) {
        long h1 = hash(id);
        long h2 = mix(h1 ^ 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bitCount);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
        count++;
    }

    /** Whether it holds more ids than its capacity and can still grow: time to rebuild it from the table. */
    boolean wantsRebuild() {
        return count > capacity && bitCount < MAX_BITS;
    }

    /** FNV-1a over the id's chars, then a finaliser, so that ids differing in one char spread over the bits. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
