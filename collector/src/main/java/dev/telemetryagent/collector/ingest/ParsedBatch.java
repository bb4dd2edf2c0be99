package dev.telemetryagent.collector.ingest;

import dev.telemetryagent.collector.store.StoredEvent;
import java.util.List;
import java.util.Map;

/** A request's batch after validation: the events to store, and how many were rejected, by reason. */
record ParsedBatch(List<StoredEvent> valid, Map<RejectReason, Integer> rejected) {

    int rejectedCount() {
        int n = 0;
        for (int c : rejected.values()) {
            n += c;
        }
        return n;
    }
}
