package dev.telemetryagent.collector.ingest;

import dev.telemetryagent.collector.store.EventStore;
import dev.telemetryagent.collector.store.InsertResult;
import dev.telemetryagent.collector.store.StoreUnavailableException;
import dev.telemetryagent.collector.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests hand their batches to one writer thread, which stores every batch waiting at that
 * moment in one transaction and one commit (one sync to disk), then answers each request with its own counts.
 * Under load this turns many small commits into a few large ones; alone, a batch waits for nobody. The queue is
 * bounded: when the store cannot keep up, a request waits a little, then gets 503 and the agent retries.
 */
public final class WriteQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
    private static final int CAPACITY = 256;
    private static final int MAX_EVENTS_PER_COMMIT = 20_000;

    private record Pending(List<StoredEvent> events, CompletableFuture<InsertResult> done) {
    }

    private final EventStore store;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean closing;

    /** Starts the writer thread over {@code store}. */
    public WriteQueue(EventStore store) {
        this.store = store;
        this.writer = new Thread(this::run, "collector-writer");
        writer.start();
    }

    /**
     * Queues a batch; the future completes once it is committed (with its counts), or fails with
     * {@link StoreUnavailableException} when the store could not take it.
     */
    public CompletableFuture<InsertResult> submit(List<StoredEvent> events) throws InterruptedException {
        CompletableFuture<InsertResult> done = new CompletableFuture<>();
        if (closing || !queue.offer(new Pending(events, done), 5, TimeUnit.SECONDS)) {
            done.completeExceptionally(new StoreUnavailableException("the store is not keeping up", null));
        }
        return done;
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int events = first.events().size();
                Pending next;
                while (events < MAX_EVENTS_PER_COMMIT && (next = queue.poll()) != null) {
                    group.add(next);
                    events += next.events().size();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Pending> group) {
        List<List<StoredEvent>> batches = new ArrayList<>(group.size());
        for (Pending p : group) {
            batches.add(p.events());
        }
        try {
            List<InsertResult> results = store.insertAll(batches);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(results.get(i));
            }
        } catch (StoreUnavailableException e) {
            LOG.error("store write failed: {}", e.getMessage());
            for (Pending p : group) {
                p.done().completeExceptionally(e);
            }
        } catch (RuntimeException e) {
            LOG.error("store write failed", e);
            for (Pending p : group) {
                p.done().completeExceptionally(new StoreUnavailableException("the store failed", e));
            }
        }
    }

    /** Stops taking batches and returns once every batch already queued is committed (or failed). */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
