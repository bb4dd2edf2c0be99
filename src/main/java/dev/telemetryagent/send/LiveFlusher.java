package dev.telemetryagent.send;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.logging.AgentLog;

/**
 * The background thread of a long run: every {@link #INTERVAL_MILLIS} (sooner when many events are
 * pending) it spools what was recorded and delivers the spool in-process, so events leave while the
 * application works and a crash loses little. Daemon and low priority; it never holds what the exit
 * path needs while on the network, and the JVM's exit does not wait for it: whatever it has not
 * delivered by then is left to the detached sender.
 */
final class LiveFlusher implements Runnable {
    /** Placeholder after a failed start: no live delivery in this run. */
    static final LiveFlusher NONE = new LiveFlusher(null, null);

    static final long INTERVAL_MILLIS = 10_000L;
    /** Summaries of calls beyond the cap are sent at most this often during a run (and at its end). */
    static final long SUMMARY_INTERVAL_NANOS = 600_000_000_000L;
    /** Bound of one in-run delivery; less than the interval so that rounds never pile up. */
    static final long DELIVERY_BUDGET_NANOS = 8_000_000_000L;

    private final RunFlusher flusher;
    private final AgentConfig config;
    private final Object signal = new Object();
    private boolean nudged;
    private long lastSummaries = System.nanoTime();

    LiveFlusher(RunFlusher flusher, AgentConfig config) {
        this.flusher = flusher;
        this.config = config;
    }

    /** Asks for a flush now rather than at the next interval. */
    void nudge() {
        synchronized (signal) {
            if (!nudged) {
                nudged = true;
                signal.notifyAll();
            }
        }
    }

    @Override
    public void run() {
        SpoolDelivery delivery = null;
        while (true) {
            try {
                boolean summaries = System.nanoTime() - lastSummaries >= SUMMARY_INTERVAL_NANOS;
                if (summaries) {
                    lastSummaries = System.nanoTime();
                }
                flusher.flush(false, summaries);
                if (delivery == null) {
                    delivery = new SpoolDelivery(config, Situation.current(config), 2);
                }
                if (delivery.spool().hasFiles()) {
                    delivery.deliverAll(System.nanoTime() + DELIVERY_BUDGET_NANOS, false);
                }
                synchronized (signal) {
                    if (!nudged) {
                        signal.wait(INTERVAL_MILLIS);
                    }
                    nudged = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                AgentLog.get().debug("in-run delivery failed", t);
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
