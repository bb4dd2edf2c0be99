package dev.telemetryagent.send;

import dev.telemetryagent.config.SenderSettings;
import dev.telemetryagent.event.Event;
import dev.telemetryagent.state.FileDeletes;
import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.FileWrites;
import dev.telemetryagent.state.RefusedFileException;
import dev.telemetryagent.state.StateDirectory;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    /** Room for the largest run (100,000 events, {@code max_events_per_run}'s bound) and then some. */
    static final long MAX_BYTES = 128L * 1024 * 1024;
    static final long MAX_AGE_MILLIS = 7L * 24 * 3600 * 1000;
    /** A sender marker older than this belongs to a sender that died: a sender never lives this long. */
    static final long SENDER_STALE_MILLIS = SenderMain.LIFETIME_MILLIS + 15_000L;
    private static final String SUFFIX = ".jsonl";
    /** Lines are encoded and written in chunks of about this many chars (one call per line was dear at exit). */
    private static final int CHUNK_CHARS = 32 * 1024;
    private static final String SENDER_MARK = ".sender";
    /** The lock file that lets one deliverer at a time work on the spool. */
    static final String LOCK = ".lock";

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
        String[] names = allNames();
        if (names.length >= MAX_FILES) {
            // Only a spool that cannot be delivered grows this far: the oldest go (names start with the time).
            Arrays.sort(names);
            for (int i = 0; i <= names.length - MAX_FILES; i++) {
                FileDeletes.delete(new File(dir, names[i]), false);
            }
        }
        File f = new File(dir, System.currentTimeMillis() + "-" + runId + "-" + sequence + suffix());
        writeEvents(f, events);
        return f;
    }

    /**
     * Writes the events as JSON lines through a temporary sibling and a rename, a chunk of lines at a time:
     * a run of 100,000 events never holds its whole file in memory.
     */
    private static void writeEvents(File f, List<Event> events) throws IOException {
        File tmp = StateDirectory.temporarySibling(f);
        try {
            try (OutputStream out = StateDirectory.createOwnerOnly(tmp)) {
                EventLines lines = new EventLines();
                StringBuilder sb = new StringBuilder(CHUNK_CHARS + 4096);
                for (Event e : events) {
                    lines.append(sb, e);
                    if (sb.length() >= CHUNK_CHARS) {
                        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                        sb.setLength(0);
                    }
                }
                if (sb.length() > 0) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            StateDirectory.replace(tmp, f);
        } finally {
            if (tmp.exists()) {
                FileDeletes.delete(tmp, false);
            }
        }
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

    /** The spool files of every route waiting now, removing none (for {@code status}). */
    public List<File> waiting() {
        String[] names = allNames();
        Arrays.sort(names);
        List<File> files = new ArrayList<>(names.length);
        for (String n : names) {
            files.add(new File(dir, n));
        }
        return files;
    }

    /** The events a spool file holds (its lines), counted without holding the file. */
    public static long eventsIn(File f) {
        return SpoolLines.count(f);
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
        return SpoolLines.count(f);
    }

    /**
     * Replaces a spool file's content by what is still to deliver after a partial delivery: the given
     * lines, then the file's bytes from {@code restFrom} on, copied, never held whole.
     */
    static void keep(File f, List<String> lines, long restFrom) throws IOException {
        File tmp = StateDirectory.temporarySibling(f);
        long kept = 0;
        try {
            try (OutputStream out = new BufferedOutputStream(StateDirectory.createOwnerOnly(tmp), 64 * 1024);
                    InputStream rest = FileReads.open(f)) {
                for (String l : lines) {
                    byte[] b = (l + "\n").getBytes(StandardCharsets.UTF_8);
                    out.write(b);
                    kept += b.length;
                }
                long skip = restFrom;
                while (skip > 0) {
                    long n = rest.skip(skip);
                    if (n <= 0) {
                        break;
                    }
                    skip -= n;
                }
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = rest.read(buf)) > 0) {
                    out.write(buf, 0, r);
                    kept += r;
                }
            }
            if (kept == 0) {
                FileDeletes.delete(f, false);
            } else {
                StateDirectory.replace(tmp, f);
            }
        } finally {
            if (tmp.exists()) {
                FileDeletes.delete(tmp, false);
            }
        }
    }

    /**
     * Whether a detached sender of this route is at work: its marker is fresh and the process whose id it
     * holds is alive, so a sender killed by any signal ({@code kill -9} too) is known to be gone at once.
     */
    public boolean senderActive() {
        File m = marker();
        long at = m.lastModified();
        if (at == 0L || System.currentTimeMillis() - at >= SENDER_STALE_MILLIS) {
            return false;
        }
        return ProcessIds.isAlive(markerPid(m));
    }

    /** The process id a marker holds; -1 when it holds none. */
    private static long markerPid(File m) {
        try {
            String text = FileReads.text(m, 20);
            if (text == null || text.trim().isEmpty()) {
                return -1L;
            }
            return Long.parseLong(text.trim());
        } catch (IOException | NumberFormatException e) {
            return -1L;
        }
    }

    /** Marks a detached sender at work: the marker holds this process's id. */
    void markSender() throws IOException {
        StateDirectory.ensureDirectory(dir);
        StateDirectory.writeAtomically(marker(),
                Long.toString(ProcessIds.current()).getBytes(StandardCharsets.US_ASCII));
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
