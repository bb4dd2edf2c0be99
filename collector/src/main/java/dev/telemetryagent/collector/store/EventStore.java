package dev.telemetryagent.collector.store;

import dev.telemetryagent.collector.report.Report;
import dev.telemetryagent.collector.report.ReportFilter;
import java.time.Instant;
import java.util.List;

/**
 * Where the collector keeps events: an embedded DuckDB file, or (later) a shared database server. Every
 * implementation enforces {@code messageId} uniqueness in the database itself, and returns from
 * {@link #insert} only once the rows are durably committed.
 */
public interface EventStore extends AutoCloseable {

    /** Creates the schema, or migrates it to the current version; safe to run on every start. */
    void migrate() throws StoreUnavailableException;

    /**
     * Stores the events not stored yet, in one transaction, and returns once it is committed. A repeated
     * {@code messageId} (already stored, or twice in {@code events}) is counted as a duplicate, never an error.
     */
    default InsertResult insert(List<StoredEvent> events) throws StoreUnavailableException {
        return insertAll(List.of(events)).get(0);
    }

    /**
     * Stores several batches in one transaction (one commit for all: the write queue groups concurrent requests
     * this way), with one result per batch; a {@code messageId} stored by an earlier batch of the same call is a
     * duplicate in the later one.
     */
    List<InsertResult> insertAll(List<List<StoredEvent>> batches) throws StoreUnavailableException;

    /** The report's aggregates over the events the filter keeps. */
    Report report(ReportFilter filter) throws StoreUnavailableException;

    /** Deletes the events whose own timestamp is before {@code cutoff}; returns how many. */
    long deleteBefore(Instant cutoff) throws StoreUnavailableException;

    /** Whether the store can be written now (a cheap check, for {@code /health}). */
    boolean writable();

    /** The store's size on disk in bytes, or -1 where the store cannot tell. */
    long sizeBytes();

    /** What to name the store in logs: its file, or the server without credentials. */
    String describe();

    @Override
    void close();
}
