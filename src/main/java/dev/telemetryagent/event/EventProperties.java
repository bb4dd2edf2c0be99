package dev.telemetryagent.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The properties of one event: a map of a handful of entries in insertion order, as a
 * {@link java.util.LinkedHashMap} would keep them (a key put again keeps its place and takes the new
 * value), held in an array. An exit building 1,000 events put four or more entries into a hash map for
 * each, enough calls for the JIT to compile {@code HashMap.put} with C2 on the exit path (about a third of
 * the JIT's work of such an exit); a scan of a few keys needs neither hashing nor that compilation.
 */
final class EventProperties extends AbstractMap<String, Object> {
    @SuppressWarnings("unchecked")
    private SimpleEntry<String, Object>[] entries = new SimpleEntry[8];
    private int size;

    @Override
    public Object put(String key, Object value) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(entries[i].getKey(), key)) {
                return entries[i].setValue(value);
            }
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size++] = new SimpleEntry<>(key, value);
        return null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<Map.Entry<String, Object>>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<Map.Entry<String, Object>>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        return entries[next++];
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
