package dev.telemetryagent.send;

import dev.telemetryagent.config.SenderSettings;
import dev.telemetryagent.event.Event;
import dev.telemetryagent.state.FileDeletes;
import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.FileWrites;
import dev.telemetryagent.state.RefusedFileException;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Events waiting to be delivered: one file per flush under {@code <state_dir>/spool/}, each a JSON line
 * per event, written atomically and owner-only. Writing a spool file is the only thing the exit path
 * does with events; delivery happens in a detached process (or a background thread of a long run) that
 * never holds up the application. Bounded: at most {@link #MAX_FILES} files and {@link #MAX_BYTES} bytes,
 * none older than {@link #MAX_AGE_MILLIS}; beyond, the oldest go first.
 *
 * <p>Each file belongs to a route: the endpoint, format and key it was written for, named in the file
 * name. A sender delivers its own route's files, so a sender still running with an old configuration
 * never sends a newer run's events to the old collector. It also adopts files of other routes that
 * are older than itself and that no sender of their own is at work on: events left behind under a
 * configuration that has since changed follow the configuration in force. The spool also holds {@code .sender-<route>},
 * present while a detached sender of that route is at work, so that runs ending meanwhile leave their
 * events to it instead of starting another sender each.
 */
public final class Spool {
    /** Directory name under the state dir. */
    public static final String DIR = "spool";
    static final int MAX_FILES = 200;
    static final long MAX_BYTES = 8L * 1024 * 1024;
    static final long MAX_AGE_MILLIS = 7L * 24 * 3600 * 1000;
    /** A sender marker older than this belongs to a sender that died: a sender never lives this long. */
    static final long SENDER_STALE_MILLIS = SenderMain.LIFETIME_MILLIS + 15_000L;
    private static final String SUFFIX = ".jsonl";
    private static final String SENDER_MARK = ".sender";
    /** The lock file that lets one deliverer at a time work on the spool. */
    static final String LOCK = ".lock";
    /** The largest spool file read. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private final File dir;
    private final String route;
    private final long adoptBefore;

    /** The whole spool, every route (for {@code disable}, which empties it). */
    public Spool(StateDirectory state) {
        this(state, null, 0L);
    }

    /**
     * The files of one route, as a run writing them sees the spool.
     *
     * @param route from {@link #routeOf}, or null for every file
     */
    public Spool(StateDirectory state, String route) {
        this(state, route, 0L);
    }

    /**
     * The files of one route, as a deliverer sees the spool.
     *
     * @param adoptBefore files of other routes written before this time (epoch ms) and no sender of
     *     their own are delivered too; 0 adopts none
     */
    public Spool(StateDirectory state, String route, long adoptBefore) {
        this.dir = new File(state.dir(), DIR);
        this.route = route;
        this.adoptBefore = adoptBefore;
    }

    /** The route of a sender configuration: a hash of endpoint, format and key (never the key itself). */
    public static String routeOf(SenderSettings sender) {
        String what = sender.endpoint() + "\n" + sender.format() + "\n" + sender.apiKey();
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < what.length(); i++) {
            h ^= what.charAt(i);
            h *= 0x100000001b3L;
        }
        return Long.toHexString(h);
    }

    private String suffix() {
        return route == null ? SUFFIX : "." + route + SUFFIX;
    }

    /** The spool directory. */
    public File dir() {
        return dir;
    }

    /**
     * Writes events as one spool file; returns it. Cheap on purpose (it runs at exit): the file count
     * bound is kept here from names alone; sizes and ages are pruned by the sender.
     */
    public File write(List<Event> events, String runId, int sequence) throws IOException {
        StateDirectory.ensureDirectory(dir);
        StringBuilder sb = new StringBuilder(events.size() * 600);
        // The events of a flush share one context: written once, then copied into each line.
        Object context = null;
        JsonWriter.RawJson contextJson = null;
        for (Event e : events) {
            Map<String, Object> m = e.toMap();
            if (m.get("context") != context) {
                context = m.get("context");
                contextJson = new JsonWriter.RawJson(JsonWriter.write(context));
            }
            m.put("context", contextJson);
            JsonWriter.append(sb, m, -1);
            sb.append('\n');
        }
        String[] names = allNames();
        if (names.length >= MAX_FILES) {
            // Only a spool that cannot be delivered grows this far: the oldest go (names start with the time).
            Arrays.sort(names);
            for (int i = 0; i <= names.length - MAX_FILES; i++) {
                FileDeletes.delete(new File(dir, names[i]), false);
            }
        }
        File f = new File(dir, System.currentTimeMillis() + "-" + runId + "-" + sequence + suffix());
        StateDirectory.writeAtomically(f, sb.toString().getBytes(StandardCharsets.UTF_8));
        return f;
    }

    /** Whether any spool file of this route waits. */
    public boolean hasFiles() {
        return names(suffix()).length > 0;
    }

    /**
     * The time before which a deliverer of this route adopts other routes' files: the time of this
     * route's newest file, else {@code now}. The run that started the deliverer wrote that file at its
     * exit, under the configuration the deliverer reads; a file of another route written after it is a
     * newer run's, under a newer configuration, however late the deliverer's JVM got going on a busy
     * machine, and must never go to this route's endpoint.
     */
    long adoptionCutoff(long now) {
        long newest = 0L;
        for (String name : names(suffix())) {
            newest = Math.max(newest, new File(dir, name).lastModified());
        }
        return newest != 0L ? newest : now;
    }

    private String[] allNames() {
        return names(SUFFIX);
    }

    private String[] names(String ending) {
        String[] all = dir.list();
        if (all == null) {
            return new String[0];
        }
        List<String> names = new ArrayList<>(all.length);
        for (String n : all) {
            if (n.endsWith(ending) && !n.startsWith(".")) {
                names.add(n);
            }
        }
        return names.toArray(new String[0]);
    }

    /** Spool files, oldest first, after removing those beyond the bounds. */
    public List<File> files() {
        return prune(null);
    }

    /**
     * Removes files beyond the bounds (too many, too large in total, too old; counted over every route),
     * newest kept; returns this route's remaining files oldest first and adds the number of events
     * removed to {@code expired} when given.
     */
    List<File> prune(DeliveryStats stats) {
        String[] names = allNames();
        Arrays.sort(names);
        long now = System.currentTimeMillis();
        long bytes = 0;
        int retained = 0;
        List<File> kept = new ArrayList<>();
        for (int i = names.length - 1; i >= 0; i--) {
            File f = new File(dir, names[i]);
            bytes += f.length();
            boolean tooMany = retained >= MAX_FILES;
            boolean tooOld = now - f.lastModified() > MAX_AGE_MILLIS;
            if (tooMany || tooOld || bytes > MAX_BYTES) {
                if (stats != null) {
                    stats.add(DeliveryStats.EXPIRED, countLines(f));
                }
                FileDeletes.delete(f, false);
            } else {
                retained++;
                if (names[i].endsWith(suffix()) || adoptable(names[i], f)) {
                    kept.add(0, f);
                }
            }
        }
        return kept;
    }

    /** A file of another route, older than this deliverer, that no sender of its own is at work on. */
    private boolean adoptable(String name, File f) {
        if (route == null || adoptBefore == 0L || f.lastModified() >= adoptBefore) {
            return false;
        }
        String base = name.substring(0, name.length() - SUFFIX.length());
        int dot = base.lastIndexOf('.');
        String owner = dot < 0 ? null : base.substring(dot + 1);
        return !new Spool(new StateDirectory(dir.getParent()), owner).senderActive();
    }

    private static long countLines(File f) {
        try {
            return lines(f).size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The JSON lines of one spool file (each one event). */
    public static List<String> lines(File f) throws IOException {
        List<String> out = new ArrayList<>();
        String text = FileReads.text(f, MAX_FILE_BYTES);
        if (text == null) {
            throw new FileNotFoundException(f.getName());
        }
        for (String line : text.split("\n")) {
            if (!line.trim().isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /** Replaces a spool file's content by the lines still to deliver (after a partial delivery). */
    static void rewrite(File f, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            FileDeletes.delete(f, false);
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        StateDirectory.writeAtomically(f, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a detached sender of this route is at work (its marker is fresh). */
    public boolean senderActive() {
        long at = marker().lastModified();
        return at != 0L && System.currentTimeMillis() - at < SENDER_STALE_MILLIS;
    }

    /** Marks a detached sender at work. */
    void markSender() throws IOException {
        StateDirectory.ensureDirectory(dir);
        StateDirectory.writeAtomically(marker(), new byte[0]);
    }

    /** Removes the sender marker. */
    void clearSender() {
        FileDeletes.delete(marker(), false);
    }

    private File marker() {
        return new File(dir, route == null ? SENDER_MARK : SENDER_MARK + "-" + route);
    }

    /**
     * Deletes every spool file, the counters and marker with them (for {@code disable}), and the lock file
     * when no sender holds it: deleting it under a sender that holds it would let a second sender lock a
     * new one. (A sender that opened it a moment before and locks it after its deletion is the one case
     * left; after {@code disable} neither sender sends anything, the opt-outs being checked before each
     * send.) Only the spool's own names go, and nothing in a spool directory that is a link or not the
     * user's alone.
     *
     * @return the number of files deleted
     */
    public int clear() throws RefusedFileException {
        int deleted = FileDeletes.deleteOwn(dir, new String[] {SENDER_MARK}, new String[] {SUFFIX, DeliveryStats.FILE});
        File lock = new File(dir, LOCK);
        if (lock.isFile()) {
            try (FileChannel channel = FileWrites.openLockFile(lock)) {
                FileLock held = channel.tryLock();
                if (held != null) {
                    if (FileDeletes.delete(lock, false)) {
                        deleted++;
                    }
                    held.release();
                }
            } catch (IOException | RuntimeException e) {
                // Unreadable, not the user's, or held in this JVM (OverlappingFileLockException; named here,
                // the verifier would load it with this class on the exit path): it stays.
            }
            FileDeletes.deleteIfEmpty(dir);
        }
        return deleted;
    }
}
