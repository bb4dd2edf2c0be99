package dev.telemetryagent.send;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.consent.Decision;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.consent.StateDirectory;
import dev.telemetryagent.event.AnonymousId;
import dev.telemetryagent.event.AppVersion;
import dev.telemetryagent.event.Event;
import dev.telemetryagent.event.EventContext;
import dev.telemetryagent.event.EventFactory;
import dev.telemetryagent.event.ExecutionEnvironment;
import dev.telemetryagent.event.HashSalt;
import dev.telemetryagent.event.RandomIds;
import dev.telemetryagent.event.Hasher;
import dev.telemetryagent.logging.AgentLog;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.CallSummary;
import dev.telemetryagent.record.Recorder;
import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Moves what the recorder holds towards the endpoint: it checks every opt-out again, builds the events
 * (hashing, redaction, context) off the instrumented threads, then either prints them to stderr
 * ({@code debug}, or no endpoint configured) or writes them to the spool and leaves delivery to a
 * detached sender. Runs from the shutdown hook, so it is also what happens after {@code System.exit}
 * and after an uncaught exception.
 */
public final class RunFlusher implements Runnable {
    private final AgentConfig config;
    private final Recorder recorder;
    private final File agentJar;
    private String runId;
    private int sequence;

    /**
     * @param agentJar the jar the detached sender runs from
     */
    public RunFlusher(AgentConfig config, Recorder recorder, File agentJar) {
        this.config = config;
        this.recorder = recorder;
        this.agentJar = agentJar;
    }

    @Override
    public void run() {
        try {
            flush(true);
        } catch (Throwable t) {
            AgentLog.get().debug("flush failed", t);
        }
    }

    /**
     * Flushes what was recorded so far.
     *
     * @param atExit whether the JVM is ending (then delivery is handed to a detached process)
     */
    public synchronized void flush(boolean atExit) throws Exception {
        List<CallRecord> records = recorder.drainRecords();
        List<CallSummary.Snapshot> summaries = atExit ? recorder.drainSummaries()
                : java.util.Collections.<CallSummary.Snapshot>emptyList();
        if (records.isEmpty() && summaries.isEmpty()) {
            return;
        }
        Situation situation = Situation.current(config);
        Decision decision = OptOutRules.decide(situation);
        if (!decision.isEnabled()) {
            return;
        }
        if (runId == null) {
            // Made at the first flush rather than at startup, which stays as short as it can be.
            runId = RandomIds.hex128();
        }
        List<Event> events = factory(decision).build(records, summaries);
        boolean print = config.sender().debug() || config.sender().endpoint() == null || AgentLog.isDebug();
        if (print) {
            PrintStream err = System.err;
            for (Event e : events) {
                err.println("[telemetry-agent] event " + JsonWriter.write(e.toMap()));
            }
            return;
        }
        new Spool(new StateDirectory(config.telemetry().stateDir())).write(events, runId, sequence++);
        if (atExit) {
            DetachedSender.spawn(agentJar, config.source());
        }
    }

    private EventFactory factory(Decision decision) throws Exception {
        StateDirectory state = new StateDirectory(config.telemetry().stateDir());
        String javaCommand = System.getProperty("sun.java.command");
        Map<String, Object> context = EventContext.build(decision.ciRun(), ExecutionEnvironment.detect(),
                config.app().name(), AppVersion.resolve(config.app().version(), javaCommand), agentVersion(),
                runId);
        return new EventFactory(context, AnonymousId.getOrCreate(state), decision.userId(),
                new Hasher(HashSalt.resolve(config.telemetry(), state)), config.telemetry().errorDetails());
    }

    /** The agent's version from its jar manifest. */
    public static String agentVersion() {
        String v = RunFlusher.class.getPackage() == null ? null
                : RunFlusher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
