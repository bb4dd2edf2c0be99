package dev.telemetryagent.send;

import dev.telemetryagent.TelemetryAgent;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.consent.Decision;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.event.AnonymousId;
import dev.telemetryagent.event.AppVersion;
import dev.telemetryagent.event.Event;
import dev.telemetryagent.event.EventContext;
import dev.telemetryagent.event.EventFactory;
import dev.telemetryagent.event.ExecutionEnvironment;
import dev.telemetryagent.event.HashSalt;
import dev.telemetryagent.event.Hasher;
import dev.telemetryagent.event.ProjectRoot;
import dev.telemetryagent.event.RandomIds;
import dev.telemetryagent.logging.AgentLog;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.CallSummary;
import dev.telemetryagent.record.RecordListener;
import dev.telemetryagent.record.Recorder;
import dev.telemetryagent.state.RefusedFileException;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Moves what the recorder holds towards the endpoint: it checks every opt-out again, builds the events
 * (hashing, redaction, context) off the instrumented threads, then either prints them to stderr
 * ({@code debug}, or no endpoint configured) or writes them to the spool.
 *
 * <p>At exit (it is the shutdown hook, so also after {@code System.exit} and after an uncaught
 * exception) delivery is left to a detached sender process: the exit path does no network I/O at all,
 * so an unreachable, silent or unresolvable endpoint costs the application nothing. A long run (one
 * that has lasted {@link #LIVE_AFTER_NANOS}, told by a record or a timed call beyond the cap) also gets a
 * background thread that delivers during the run; a short run starts no thread while it runs, however many
 * events it records (at exit, a short-lived daemon thread prepares the sender's start beside the shutdown
 * hook): loading the HTTP stack and sending from the application's JVM while it is still starting up cost
 * a short run that recorded a few hundred events more than the events themselves.
 */
public final class RunFlusher implements Runnable, RecordListener {
    /** Pending events that make a running live flusher deliver before its next interval. */
    static final int LIVE_PENDING = 200;
    /** Run length after which events are delivered while the run goes on. */
    static final long LIVE_AFTER_NANOS = 10_000_000_000L;
    /** The longest the exit waits for the sender's process to be started. */
    private static final long SENDER_START_WAIT_MILLIS = 2_000L;

    private final AgentConfig config;
    private final Recorder recorder;
    private final File agentJar;
    private String runId;
    private final long startNanos = System.nanoTime();
    private final ThreadGroup threadGroup = Thread.currentThread().getThreadGroup();
    private volatile LiveFlusher live;
    private int sequence;

    /**
     * Also becomes the recorder's listener, to start delivering during long runs.
     *
     * @param agentJar the jar the detached sender runs from
     */
    public RunFlusher(AgentConfig config, Recorder recorder, File agentJar) {
        this.config = config;
        this.recorder = recorder;
        this.agentJar = agentJar;
        if (sends()) {
            recorder.listener(this);
        }
    }

    @Override
    public void run() {
        try {
            flush(true, true);
        } catch (RefusedFileException e) {
            System.err.println("[telemetry-agent] nothing sent: " + e.getMessage());
        } catch (Throwable t) {
            AgentLog.get().debug("flush failed", t);
        }
    }

    @Override
    public void recorded(int pending, long nowNanos) {
        LiveFlusher l = live;
        if (l != null) {
            if (pending >= LIVE_PENDING) {
                l.nudge();
            }
            return;
        }
        if (nowNanos - startNanos >= LIVE_AFTER_NANOS) {
            startLive();
        }
    }

    private synchronized void startLive() {
        if (live != null) {
            return;
        }
        try {
            LiveFlusher l = new LiveFlusher(this, config);
            // No inherited thread locals: nothing of the instrumented thread that happened to trigger this.
            Thread t = new Thread(threadGroup, l, "telemetry-agent-sender", 0L, false);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.setContextClassLoader(RunFlusher.class.getClassLoader());
            live = l;
            t.start();
        } catch (Throwable t) {
            // Then everything leaves at exit, as for a short run.
            live = LiveFlusher.NONE;
        }
    }

    /** Whether events go to an endpoint (rather than to stderr). */
    private boolean sends() {
        return config.sender().endpoint() != null && !config.sender().debug() && !AgentLog.isDebug();
    }

    /**
     * Flushes what was recorded so far.
     *
     * @param atExit whether the JVM is ending (then delivery is handed to a detached process)
     * @param withSummaries whether to take the aggregates of calls beyond the cap too
     * @return whether a spool file was written
     */
    synchronized boolean flush(boolean atExit, boolean withSummaries) throws Exception {
        List<CallRecord> records = recorder.drainRecords();
        List<CallSummary.Snapshot> summaries = withSummaries ? recorder.drainSummaries()
                : Collections.<CallSummary.Snapshot>emptyList();
        boolean none = records.isEmpty() && summaries.isEmpty();
        Spool spool = new Spool(new StateDirectory(config.telemetry().stateDir()), Spool.routeOf(config.sender()));
        // Starting a process is the dearest part of the exit: it is prepared beside the opt-out check and
        // the events' building, started once the check has passed, and what it starts waits for this
        // process to end. A sender at work on this spool already finds the new file itself. With no
        // events of its own, a run starts one only for files an earlier run could not deliver.
        boolean senderAtWork = spool.senderActive();
        DetachedSender sender = atExit && sends() && !senderAtWork && (!none || spool.hasFiles())
                ? DetachedSender.prepare(agentJar, config.source(), spool.dir()) : null;
        try {
            if (none) {
                if (sender != null && OptOutRules.decide(Situation.current(config)).isEnabled()) {
                    sender.start();
                }
                return false;
            }
            Decision decision = OptOutRules.decide(Situation.current(config));
            if (!decision.isEnabled()) {
                return false;
            }
            if (sender != null) {
                sender.start();
            }
            if (runId == null) {
                // Made at the first flush rather than at startup, which stays as short as it can be.
                runId = RandomIds.hex128();
            }
            List<Event> events = factory(decision, records).build(records, summaries);
            if (!sends()) {
                PrintStream err = System.err;
                for (Event e : events) {
                    err.println("[telemetry-agent] event " + JsonWriter.write(e.toMap()));
                }
                return false;
            }
            spool.write(events, runId, sequence++);
            if (atExit && senderAtWork && !spool.senderActive()) {
                // The sender at work when this exit began has cleared its marker since, and its last look
                // at the spool may have come before this file existed: the file is written before the
                // marker is read again, the sender clears the marker before its last look, so one of the
                // two sees the other.
                sender = DetachedSender.prepare(agentJar, config.source(), spool.dir());
                sender.start();
            }
            return true;
        } finally {
            if (sender != null) {
                sender.finish(SENDER_START_WAIT_MILLIS);
            }
        }
    }

    private EventFactory factory(Decision decision, List<CallRecord> records) throws Exception {
        StateDirectory state = new StateDirectory(config.telemetry().stateDir());
        String javaCommand = System.getProperty("sun.java.command");
        boolean projectHash = config.telemetry().projectHash();
        Hasher hasher = projectHash || needsHashing(records)
                ? new Hasher(HashSalt.resolve(config.telemetry(), state)) : null;
        Map<String, Object> context = EventContext.build(decision.ciRun(), ExecutionEnvironment.detect(),
                config.app().name(), AppVersion.resolve(config.app().version(), javaCommand), TelemetryAgent.version(),
                runId, projectHash ? ProjectRoot.hash(hasher) : null);
        return new EventFactory(context, AnonymousId.getOrCreate(state), decision.userId(), hasher,
                config.telemetry().errorDetails());
    }

    /** Whether any record has a value to hash: only then is the salt read (or made). */
    private static boolean needsHashing(List<CallRecord> records) {
        for (CallRecord r : records) {
            if (!r.hashInputs().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
