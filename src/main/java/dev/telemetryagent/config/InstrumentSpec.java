package dev.telemetryagent.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code [[instrument]]} entry: either every picocli command, or the listed methods of a class
 * (and, with {@code subtypes}, of its subclasses and implementations).
 */
public final class InstrumentSpec {
    private final int index;
    private final boolean picocli;
    private final String className;
    private final boolean subtypes;
    private final List<String> methods;
    private final String category;
    private final String eventTemplate;
    private final SuccessRule success;
    private final Map<String, Accessor> hashes;
    private final Map<String, Accessor> properties;

    /** An entry as validated; maps keep file order. For picocli entries only {@code index} matters. */
    public InstrumentSpec(int index, boolean picocli, String className, boolean subtypes, List<String> methods,
            String category, String eventTemplate, SuccessRule success, Map<String, Accessor> hashes,
            Map<String, Accessor> properties) {
        this.index = index;
        this.picocli = picocli;
        this.className = className;
        this.subtypes = subtypes;
        this.methods = methods;
        this.category = category;
        this.eventTemplate = eventTemplate;
        this.success = success;
        this.hashes = hashes;
        this.properties = properties;
    }

    /** 0-based position among the {@code [[instrument]]} entries. */
    public int index() {
        return index;
    }

    /** True for the {@code picocli = true} entry. */
    public boolean picocli() {
        return picocli;
    }

    /** Binary name of the configured class, or null for picocli. */
    public String className() {
        return className;
    }

    /** Whether subclasses and implementations are instrumented too. */
    public boolean subtypes() {
        return subtypes;
    }

    /** Method names to instrument. */
    public List<String> methods() {
        return methods;
    }

    /** {@code event_category}: configured, or the simple class name in lower case. */
    public String category() {
        return category;
    }

    /** Event name template; {@code {method}} stands for the method name. */
    public String eventTemplate() {
        return eventTemplate;
    }

    /** The event name of one method. */
    public String eventName(String method) {
        return eventTemplate.replace("{method}", method);
    }

    /** The success rule, or null for "returned normally". */
    public SuccessRule success() {
        return success;
    }

    /** Values sent as {@code <name>_hash}. */
    public Map<String, Accessor> hashes() {
        return hashes;
    }

    /** Values sent redacted, under their own name. */
    public Map<String, Accessor> properties() {
        return properties;
    }
}
