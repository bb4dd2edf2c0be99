package dev.telemetryagent.cli;

import dev.telemetryagent.TelemetryAgent;
import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.CiPolicy;
import dev.telemetryagent.config.InstrumentSpec;
import dev.telemetryagent.config.Mode;
import dev.telemetryagent.consent.CiEnvironment;
import dev.telemetryagent.consent.Decision;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.event.AnonymousId;
import dev.telemetryagent.event.AppVersion;
import dev.telemetryagent.event.EventContext;
import dev.telemetryagent.event.EventFactory;
import dev.telemetryagent.event.ExecutionEnvironment;
import dev.telemetryagent.event.HashSalt;
import dev.telemetryagent.event.Hasher;
import dev.telemetryagent.event.ProjectRoot;
import dev.telemetryagent.event.RandomIds;
import dev.telemetryagent.record.CallRecord;
import dev.telemetryagent.record.FailureTrace;
import dev.telemetryagent.record.MethodSite;
import dev.telemetryagent.send.JsonWriter;
import dev.telemetryagent.state.StateDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code preview}: one example of each event the config produces, built by the same factory as real
 * events (hashing, redaction, this machine's context) from made-up call data, printed as a JSON array
 * on stdout. Sends nothing and writes nothing: a missing anonymous id or salt is made up for the
 * preview and not stored.
 */
final class PreviewCommand {
    private static final String EXAMPLE = "example";

    private PreviewCommand() {
    }

    static int run(CliContext c, PrintStream out, PrintStream err) {
        AgentConfig config = c.config();
        Situation s = c.situation();
        Decision d = OptOutRules.decide(s);
        Mode mode = d.isEnabled() ? d.mode() : config.telemetry().mode();
        if (mode == Mode.OFF) {
            err.println("The config sets mode = \"off\": " + c.appName() + " never produces events.");
            out.println("[]");
            return ControlCommand.OK;
        }
        String userId = null;
        if (mode == Mode.IDENTIFIED) {
            userId = config.telemetry().userId() != null ? config.telemetry().userId() : s.userState().userId();
        }
        StateDirectory state = c.state();
        EventFactory factory;
        try {
            boolean ciRun = config.telemetry().ci() == CiPolicy.TAG && CiEnvironment.detect(s.env()) != null;
            Hasher hasher = new Hasher(salt(config, state));
            Map<String, Object> context = EventContext.build(ciRun, ExecutionEnvironment.detect(), c.appName(),
                    AppVersion.resolve(config.app().version(), null), TelemetryAgent.version(), RandomIds.hex128(),
                    config.telemetry().projectHash() ? ProjectRoot.hash(hasher) : null);
            String anonymousId = AnonymousId.read(state);
            factory = new EventFactory(context, anonymousId != null ? anonymousId : RandomIds.hex128(), userId,
                    hasher, config.telemetry().errorDetails());
        } catch (IOException e) {
            err.println("Could not read " + state.dir() + " (" + e.getClass().getSimpleName() + ").");
            return ControlCommand.FAILED;
        }
        List<Object> events = new ArrayList<>();
        long now = System.currentTimeMillis();
        int id = 1;
        for (InstrumentSpec spec : config.instruments()) {
            if (spec.picocli()) {
                CallRecord r = CallRecord.example(new MethodSite(0, spec, "execute"), now, 250_000_000L,
                        Collections.<String, String>emptyMap(), Collections.<String, String>emptyMap(),
                        Arrays.asList(c.appName(), "subcommand"), Arrays.asList("--option"));
                events.add(factory.event(r).toMap());
                continue;
            }
            for (String method : spec.methods()) {
                CallRecord r = CallRecord.example(new MethodSite(id++, spec, method), now, 250_000_000L,
                        examples(spec.hashes().keySet()), examples(spec.properties().keySet()), null, null);
                events.add(factory.event(r).toMap());
            }
        }
        events.addAll(failureExamples(c, config, factory, now));
        err.println("Example events for " + c.appName() + ", with this machine's context; nothing is sent.");
        err.println("Made-up values read \"" + EXAMPLE + "\"; picocli events are named after the command that ran.");
        err.println("The last events show what a failure carries (a made-up exception; the site and fingerprint"
                + " name only the tool's own code).");
        if (!d.isEnabled()) {
            err.println("Right now nothing is sent at all: " + d.reason() + ".");
        }
        out.println(JsonWriter.pretty(events));
        return ControlCommand.OK;
    }

    /**
     * What failures look like: a failing command and a usage error when picocli is instrumented, and a
     * failing call of the first configured method, each with made-up exceptions and frames.
     */
    private static List<Object> failureExamples(CliContext c, AgentConfig config, EventFactory factory, long now) {
        List<Object> out = new ArrayList<>();
        boolean methodShown = false;
        for (InstrumentSpec spec : config.instruments()) {
            if (spec.picocli()) {
                MethodSite site = new MethodSite(0, spec, "execute");
                List<String> path = Arrays.asList(c.appName(), "subcommand");
                FailureTrace failure = FailureTrace.example("java.io.UncheckedIOException", "java.io.IOException",
                        "cannot open /home/user/" + EXAMPLE + ".csv", "com.example.Store.open",
                        "com.example.SubcommandCommand.call");
                out.add(factory.event(CallRecord.failedExample(site, now, 250_000_000L, path,
                        Arrays.asList("--option"), 1, failure, false)).toMap());
                FailureTrace usage = FailureTrace.example("picocli.CommandLine$UnmatchedArgumentException", null,
                        null, "com.example.Main.main");
                out.add(factory.event(CallRecord.failedExample(site, now, 20_000_000L, path,
                        Arrays.asList("--option"), 2, usage, true)).toMap());
            } else if (!methodShown && !spec.methods().isEmpty()) {
                methodShown = true;
                String method = spec.methods().get(0);
                FailureTrace failure = FailureTrace.example("java.lang.IllegalStateException", null,
                        EXAMPLE + " failed for user@example.com", spec.className() + "." + method);
                out.add(factory.event(CallRecord.failedExample(new MethodSite(1, spec, method), now, 250_000_000L,
                        null, null, 0, failure, false)).toMap());
            }
        }
        return out;
    }

    private static Map<String, String> examples(Iterable<String> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keys) {
            m.put(k, EXAMPLE);
        }
        return m;
    }

    /** The configured salt, else this machine's stored one, else a throwaway one (nothing is stored). */
    private static String salt(AgentConfig config, StateDirectory state) throws IOException {
        if (config.telemetry().hashSalt() != null) {
            return config.telemetry().hashSalt();
        }
        String stored = state.read(HashSalt.FILE);
        return stored != null && stored.trim().length() >= 32 ? stored.trim() : RandomIds.hex(RandomIds.bytes(32));
    }
}
