package dev.telemetryagent.send;

import dev.telemetryagent.config.ConfigLoader;
import dev.telemetryagent.consent.StateDirectory;
import dev.telemetryagent.event.Event;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Events waiting to be delivered: one file per flush under {@code <state_dir>/spool/}, each a JSON
 * line per event, written atomically and owner-only. Writing a spool file is the only thing the exit
 * path does with events; delivery happens in a detached process that never holds up the application.
 * Bounded: at most {@link #MAX_FILES} files, none older than {@link #MAX_AGE_MILLIS}.
 */
public final class Spool {
    /** Directory name under the state dir. */
    public static final String DIR = "spool";
    static final int MAX_FILES = 200;
    static final long MAX_AGE_MILLIS = 7L * 24 * 3600 * 1000;
    private static final String SUFFIX = ".jsonl";

    private final File dir;

    /** @param state the state directory that holds the spool */
    public Spool(StateDirectory state) {
        this.dir = new File(state.dir(), DIR);
    }

    /** The spool directory. */
    public File dir() {
        return dir;
    }

    /** Writes events as one spool file; returns it. */
    public File write(List<Event> events, String runId, int sequence) throws IOException {
        StateDirectory.ensureDirectory(dir);
        StringBuilder sb = new StringBuilder(events.size() * 600);
        for (Event e : events) {
            JsonWriter.append(sb, e.toMap(), -1);
            sb.append('\n');
        }
        File f = new File(dir, System.currentTimeMillis() + "-" + runId + "-" + sequence + SUFFIX);
        StateDirectory.writeAtomically(f, sb.toString().getBytes(StandardCharsets.UTF_8));
        return f;
    }

    /** Spool files, oldest first; files beyond the bounds are deleted. */
    public List<File> files() {
        File[] all = dir.listFiles();
        if (all == null) {
            return new ArrayList<>();
        }
        List<File> files = new ArrayList<>();
        for (File f : all) {
            if (f.getName().endsWith(SUFFIX) && !f.getName().startsWith(".")) {
                files.add(f);
            }
        }
        File[] sorted = files.toArray(new File[0]);
        Arrays.sort(sorted, new java.util.Comparator<File>() {
            @Override
            public int compare(File a, File b) {
                return a.getName().compareTo(b.getName());
            }
        });
        long now = System.currentTimeMillis();
        List<File> kept = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            boolean tooMany = sorted.length - i > MAX_FILES;
            boolean tooOld = now - sorted[i].lastModified() > MAX_AGE_MILLIS;
            if (tooMany || tooOld) {
                sorted[i].delete();
            } else {
                kept.add(sorted[i]);
            }
        }
        return kept;
    }

    /** The JSON lines of one spool file (each one event). */
    public static List<String> lines(File f) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : ConfigLoader.readText(f).split("\n")) {
            if (!line.trim().isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /** Deletes every spool file (for {@code disable}). */
    public void clear() {
        File[] all = dir.listFiles();
        if (all != null) {
            for (File f : all) {
                f.delete();
            }
        }
    }
}
