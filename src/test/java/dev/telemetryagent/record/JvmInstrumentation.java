package dev.telemetryagent.record;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;

/** The test JVM's own {@link Instrumentation}, as the agent has it in production (Byte Buddy attaches to the JVM once). */
public final class JvmInstrumentation {
    private JvmInstrumentation() {
    }

    /** The instrumentation of this JVM. */
    public static Instrumentation get() {
        return ByteBuddyAgent.install();
    }
}
