package dev.telemetryagent.send;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.SenderSettings;
import dev.telemetryagent.consent.OptOutRules;
import dev.telemetryagent.consent.Situation;
import dev.telemetryagent.consent.StateDirectory;
import dev.telemetryagent.event.Timestamps;
import dev.telemetryagent.logging.AgentLog;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers every spool file to the endpoint, oldest first, one sender at a time (a file lock in the
 * spool directory). Every opt-out rule is checked again right before each file is sent; opted out, the
 * spool is emptied, so nothing held back is sent later either. A file is deleted once the collector
 * accepted it (2xx) or rejected it for good (4xx other than 429); otherwise it stays for a later run.
 */
public final class SpoolDelivery {
    private static final int MAX_ROUNDS = 20;

    private final AgentConfig config;
    private final Situation situation;
    private final StateDirectory state;
    private final Spool spool;
    private final SentLog sentLog;
    private final WireFormat format;
    private final HttpDelivery http;

    /** @param situation the environment whose opt-outs are checked before each send */
    public SpoolDelivery(AgentConfig config, Situation situation) {
        this.config = config;
        this.situation = situation;
        this.state = new StateDirectory(config.telemetry().stateDir());
        this.spool = new Spool(state);
        this.sentLog = new SentLog(state);
        SenderSettings s = config.sender();
        this.format = Formats.of(s.format());
        this.http = new HttpDelivery(s.timeoutMs());
    }

    /** Delivers until the spool is empty or the endpoint fails; returns the number of events delivered. */
    public int deliverAll() throws IOException, InterruptedException {
        StateDirectory.ensureDirectory(spool.dir());
        try (RandomAccessFile raf = new RandomAccessFile(new File(spool.dir(), ".lock"), "rw");
                FileChannel channel = raf.getChannel();
                FileLock lock = channel.lock()) {
            int delivered = 0;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                List<File> files = spool.files();
                if (files.isEmpty()) {
                    return delivered;
                }
                for (File f : files) {
                    if (!OptOutRules.decide(situation).isEnabled()) {
                        spool.clear();
                        return delivered;
                    }
                    int n = deliver(f);
                    if (n < 0) {
                        return delivered;
                    }
                    delivered += n;
                }
            }
            return delivered;
        }
    }

    /** Delivers one file; returns the events delivered, or -1 when the endpoint is failing. */
    private int deliver(File f) throws IOException, InterruptedException {
        List<String> lines = Spool.lines(f);
        List<Map<String, Object>> events = new ArrayList<>(lines.size());
        for (String line : lines) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) JsonReader.read(line);
                events.add(e);
            } catch (RuntimeException malformed) {
                AgentLog.get().debug("dropped a malformed spool line");
            }
        }
        if (events.isEmpty()) {
            f.delete();
            return 0;
        }
        List<WireRequest> requests = format.requests(config.sender().endpoint(), config.sender().apiKey(), events,
                Timestamps.iso(System.currentTimeMillis()));
        for (WireRequest r : requests) {
            int status;
            try {
                status = http.post(r);
            } catch (IOException e) {
                AgentLog.get().debug("delivery failed: {}", e.getClass().getSimpleName());
                return -1;
            }
            if (status >= 500 || status == 429) {
                AgentLog.get().debug("collector answered {}", status);
                return -1;
            }
            if (status >= 400) {
                AgentLog.get().debug("collector rejected {} events with {}", r.events(), status);
            }
        }
        sentLog.append(lines);
        f.delete();
        return events.size();
    }
}
