package dev.telemetryagent.record;

import dev.telemetryagent.config.InstrumentSpec;

/** One instrumented method (or the picocli command entry point): its id and how its events are named. */
public final class MethodSite {
    private final int id;
    private final InstrumentSpec spec;
    private final String method;
    private final String eventName;

    /**
     * @param id the constant woven into the method's advice
     * @param spec the configuration entry
     * @param method the method name ({@code execute} for picocli)
     */
    public MethodSite(int id, InstrumentSpec spec, String method) {
        this.id = id;
        this.spec = spec;
        this.method = method;
        this.eventName = spec.picocli() ? null : spec.eventName(method);
    }

    /** The id woven into the advice. */
    public int id() {
        return id;
    }

    /** The configuration entry. */
    public InstrumentSpec spec() {
        return spec;
    }

    /** The method name. */
    public String method() {
        return method;
    }

    /** The event name, or null for picocli (named by the executed command). */
    public String eventName() {
        return eventName;
    }
}
