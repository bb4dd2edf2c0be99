package dev.telemetryagent.send;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigLoader;
import dev.telemetryagent.consent.Situation;
import java.io.File;

/**
 * Entry point of the detached sender process that the application's exit leaves behind: it delivers
 * the spool and exits. Nothing it does can delay or disturb the application, which has already ended.
 * Its life is bounded ({@link #LIFETIME_MILLIS}), by the delivery deadline and, should anything hang
 * regardless (a name lookup cannot be interrupted), by a watchdog that ends the process.
 */
public final class SenderMain {
    /** System property marking the sender's own JVM, so an agent inherited through the environment stays inert. */
    public static final String MARKER = "telemetry.agent.sender";
    /** The longest a sender works before leaving what is left for the next run. */
    static final long LIFETIME_MILLIS = 30_000L;
    private static final long WATCHDOG_GRACE_MILLIS = 5_000L;
    /** How long an idle sender waits for the spool files of further runs. */
    static final long LINGER_MILLIS = 5_000L;

    private SenderMain() {
    }

    /** {@code --config PATH}. */
    public static void main(String[] args) {
        int status = 0;
        try {
            if (args.length == 2 && args[0].equals("--config")) {
                ignoreHangup();
                startWatchdog();
                AgentConfig config = ConfigLoader.load(new File(args[1]), System.getProperty("user.home"));
                deliver(new SpoolDelivery(config, Situation.current(config), SpoolDelivery.MAX_ATTEMPTS),
                        System.nanoTime() + LIFETIME_MILLIS * 1_000_000L);
            } else {
                status = 2;
            }
        } catch (Throwable t) {
            status = 1;
        }
        System.exit(status);
    }

    /**
     * Delivers while marked as the spool's sender. The marker goes before a last look at the spool: a run
     * that ended meanwhile either saw the marker gone and started its own sender, or wrote its file before
     * that look, which then finds it.
     */
    static void deliver(SpoolDelivery delivery, long deadlineNanos) throws Exception {
        final Spool spool = delivery.spool();
        // A sender ended by a signal takes its marker with it, so the next run starts a sender at once.
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                spool.clearSender();
            }
        }, "telemetry-agent-sender-exit"));
        while (true) {
            spool.markSender();
            SpoolDelivery.Outcome outcome;
            try {
                outcome = delivery.deliverAll(deadlineNanos, true);
                if (outcome == SpoolDelivery.Outcome.EMPTIED) {
                    awaitMore(spool, deadlineNanos);
                }
            } finally {
                spool.clearSender();
            }
            if (outcome != SpoolDelivery.Outcome.EMPTIED || !spool.hasFiles()
                    || System.nanoTime() >= deadlineNanos) {
                return;
            }
        }
    }

    /**
     * Stays, still marked as the spool's sender, for a few seconds after the spool is empty: a tool run
     * again meanwhile (scripts, loops, a user at the prompt) leaves its events to this sender instead
     * of paying for a process start at its exit. Polls the spool directory, nothing more.
     */
    private static void awaitMore(Spool spool, long deadlineNanos) throws InterruptedException {
        long until = Math.min(deadlineNanos, System.nanoTime() + LINGER_MILLIS * 1_000_000L);
        while (System.nanoTime() < until && !spool.hasFiles()) {
            Thread.sleep(100);
        }
    }

    /**
     * The sender outlives the application on purpose: where it could not be started in a session of
     * its own, the hangup of the application's terminal must not end it.
     */
    private static void ignoreHangup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sun.misc.SignalHandler.SIG_IGN);
        } catch (Throwable unsupported) {
            // No SIGHUP here (Windows): nothing to ignore.
        }
    }

    private static void startWatchdog() {
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    Thread.sleep(LIFETIME_MILLIS + WATCHDOG_GRACE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                Runtime.getRuntime().halt(3);
            }
        }, "telemetry-agent-sender-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
