package dev.telemetryagent.collector.store;

/** What one batch insert did: rows newly stored, and rows whose {@code messageId} was already stored. */
public record InsertResult(int accepted, int duplicates) {
}
