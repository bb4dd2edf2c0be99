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
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final int line;
    private final boolean inline;
    private boolean explicitlyDefined;

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
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The value of a key, or null. */
    public Object get(String key) {
        return values.get(key);
    }

    /** The line a key was written on, or the table's own line when the key is absent. */
    public int lineOf(String key) {
        Integer l = lines.get(key);
        return l == null ? line : l;
    }

    boolean contains(String key) {
        return values.containsKey(key);
    }

    void put(String key, Object value, int atLine) {
        values.put(key, value);
        lines.put(key, atLine);
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
}
