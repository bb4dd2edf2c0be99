package dev.telemetryagent.instrument;

import dev.telemetryagent.record.MethodSite;
import java.util.List;

/**
 * Weaves the advice into one class. The implementation ({@code weave.ClassWeaver}) needs Byte Buddy, so
 * the agent reaches it only through this interface, from {@link WeaverLoader}.
 */
public interface Weaver {
    /**
     * Returns the woven bytes, or null when no method of the class matched.
     *
     * @param loader the loader defining the class (null for the bootstrap loader)
     * @param internalName the class's internal name
     * @param original the class file as the loader read it
     * @param sites the sites whose methods to advise
     * @param weaveMain whether {@code main(String[])} drops {@code --disable-telemetry}
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] original, List<MethodSite> sites,
            boolean weaveMain);
}
