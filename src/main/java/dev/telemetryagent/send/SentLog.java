package dev.telemetryagent.send;

import dev.telemetryagent.state.FileWrites;
import dev.telemetryagent.state.StateDirectory;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <state_dir>/sent.jsonl}: every event actually delivered, the last {@value #MAX_LINES}, for
 * {@code log}. Appended to, never read whole: when it holds {@value #MAX_LINES} lines it becomes
 * {@code sent.1.jsonl} (replacing the one before) and a new file begins, so both together stay bounded
 * whatever the size of the events, and {@code log} reads the last {@value #MAX_LINES} from the two.
 */
public final class SentLog {
    /** File name in the state directory. */
    public static final String FILE = "sent.jsonl";
    /** The previous {@link #FILE}, kept so that the last {@value #MAX_LINES} are always at hand. */
    public static final String PREVIOUS = "sent.1.jsonl";
    /** Lines kept. */
    public static final int MAX_LINES = 1000;

    private final StateDirectory state;

    /** @param state where the log lives */
    public SentLog(StateDirectory state) {
        this.state = state;
    }

    /** Appends delivered events (JSON lines), rotating the file when it is full. */
    public synchronized void append(List<String> eventLines) throws IOException {
        state.ensureExists();
        File current = state.file(FILE);
        long count = current.isFile() ? SpoolLines.count(current) : 0;
        int from = Math.max(0, eventLines.size() - MAX_LINES);
        int i = from;
        while (i < eventLines.size()) {
            if (count >= MAX_LINES) {
                StateDirectory.replace(current, state.file(PREVIOUS));
                count = 0;
            }
            int n = (int) Math.min(eventLines.size() - i, MAX_LINES - count);
            try (OutputStream out = new BufferedOutputStream(FileWrites.openAppend(current), 64 * 1024)) {
                for (int j = i; j < i + n; j++) {
                    out.write((eventLines.get(j) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            count += n;
            i += n;
        }
    }

    /** The logged lines, oldest first: the last {@value #MAX_LINES} of the previous and current files. */
    public List<String> read() throws IOException {
        ArrayDeque<String> last = new ArrayDeque<>();
        for (String name : new String[] {PREVIOUS, FILE}) {
            File f = state.file(name);
            if (!f.exists()) {
                continue;
            }
            state.checkTrusted(f);
            try (SpoolLines lines = new SpoolLines(f)) {
                String line;
                while ((line = lines.next()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    last.addLast(line);
                    if (last.size() > MAX_LINES) {
                        last.removeFirst();
                    }
                }
            }
        }
        return new ArrayList<>(last);
    }
}
