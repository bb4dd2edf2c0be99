package dev.telemetryagent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A TOML table as parsed: its keys in file order, each value (String, Long, Double, Boolean, List or
 * another TomlTable) and the line it was written on, so that validation errors can name it.
 */
public final class TomlTable {
    // One small map, made on the first key: a 1 MB file of 75,000 tables stays a few MB of garbage.
    private Map<String, Slot> values;
    private final int line;
    private final boolean inline;
    private boolean explicitlyDefined;
    private boolean definedByDottedKeys;

    TomlTable(int line, boolean inline) {
        this.line = line;
        this.inline = inline;
    }

    /** The line on which the table was opened (its header, or its first key). */
    public int line() {
        return line;
    }

    /** The keys of this table, in file order. */
    public Set<String> keys() {
        return values == null ? Collections.<String>emptySet() : Collections.unmodifiableSet(values.keySet());
    }

    /** The value of a key, or null. */
    public Object get(String key) {
        Slot slot = values == null ? null : values.get(key);
        return slot == null ? null : slot.value;
    }

    /** The line a key was written on, or the table's own line when the key is absent. */
    public int lineOf(String key) {
        Slot slot = values == null ? null : values.get(key);
        return slot == null ? line : slot.line;
    }

    boolean contains(String key) {
        return values != null && values.containsKey(key);
    }

    void put(String key, Object value, int atLine) {
        if (values == null) {
            values = new LinkedHashMap<>(8);
        }
        values.put(key, new Slot(value, atLine));
    }

    boolean isInline() {
        return inline;
    }

    boolean isExplicitlyDefined() {
        return explicitlyDefined;
    }

    void markExplicitlyDefined() {
        explicitlyDefined = true;
    }

    /** Whether dotted keys made this table ({@code a.b = 1} makes {@code a}); a header may not define it again. */
    boolean isDefinedByDottedKeys() {
        return definedByDottedKeys;
    }

    void markDefinedByDottedKeys() {
        definedByDottedKeys = true;
    }

    /** A value and the line it was written on. */
    private static final class Slot {
        final Object value;
        final int line;

        Slot(Object value, int line) {
            this.value = value;
            this.line = line;
        }
    }
}
