package dev.telemetryagent.send;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for retrying one request: 0.5 s, 1 s, 2 s, ... at most 8 s, each
 * delay drawn from its upper half so that many senders coming back at once spread out. The number of
 * attempts is bounded, and so is the whole delivery by its deadline: never millions of retries.
 */
final class Backoff {
    static final long BASE_MILLIS = 500L;
    static final long MAX_MILLIS = 8_000L;

    private Backoff() {
    }

    /** Delay before attempt {@code failures + 1}, after {@code failures} failed ones (1 or more). */
    static long delayMillis(int failures) {
        long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(failures - 1, 16));
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
