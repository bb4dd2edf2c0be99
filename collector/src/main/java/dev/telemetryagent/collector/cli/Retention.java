package dev.telemetryagent.collector.cli;

import dev.telemetryagent.collector.store.EventStore;
import dev.telemetryagent.collector.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --retention-days}: deletes the events whose own timestamp is older than that many days. */
final class Retention implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final EventStore store;
    private final Integer days;

    Retention(EventStore store, Integer days) {
        this.store = store;
        this.days = days;
    }

    @Override
    public void run() {
        if (days == null) {
            return;
        }
        try {
            long deleted = store.deleteBefore(Instant.now().minus(Duration.ofDays(days)));
            if (deleted > 0) {
                LOG.info("retention: deleted {} events older than {} days", deleted, days);
            }
        } catch (StoreUnavailableException e) {
            LOG.error("retention failed: {}", e.getMessage());
        }
    }
}
