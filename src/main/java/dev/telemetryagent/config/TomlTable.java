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
    // Made on the first key: a hostile file of 300,000 empty inline tables then costs little memory.
    private Map<String, Object> values;
    private Map<String, Integer> lines;
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
        return values == null ? null : values.get(key);
    }

    /** The line a key was written on, or the table's own line when the key is absent. */
    public int lineOf(String key) {
        Integer l = lines == null ? null : lines.get(key);
        return l == null ? line : l;
    }

    boolean contains(String key) {
        return values != null && values.containsKey(key);
    }

    void put(String key, Object value, int atLine) {
        if (values == null) {
            values = new LinkedHashMap<>();
            lines = new LinkedHashMap<>();
        }
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

    /** Whether dotted keys made this table ({@code a.b = 1} makes {@code a}); a header may not define it again. */
    boolean isDefinedByDottedKeys() {
        return definedByDottedKeys;
    }

    void markDefinedByDottedKeys() {
        definedByDottedKeys = true;
    }
}
