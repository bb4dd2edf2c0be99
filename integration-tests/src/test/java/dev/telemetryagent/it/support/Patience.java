package dev.telemetryagent.it.support;

import java.time.Duration;

/**
 * How long the suite's waits for a condition may last. A wait ends as soon as its condition holds, so
 * its limit costs nothing when the product works; it only decides when a wait gives up. Each test names
 * the limit it expects, and no wait gives up before {@link #FLOOR}: on a machine shared by many builds,
 * a detached sender's JVM may take many seconds to start and deliver, and a short limit would turn that
 * slowness into a failure ("expected 1 events within PT15S, got 0").
 */
public final class Patience {
    /** A sender's whole life (30 s) and the start of two JVMs on a loaded machine, with room to spare. */
    public static final Duration FLOOR = Duration.ofSeconds(120);

    private Patience() {
    }

    /** The {@link System#nanoTime()} at which a wait with this limit gives up. */
    public static long deadline(Duration limit) {
        return System.nanoTime() + (limit.compareTo(FLOOR) < 0 ? FLOOR : limit).toNanos();
    }
}
