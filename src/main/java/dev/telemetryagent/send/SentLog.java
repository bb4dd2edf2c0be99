package dev.telemetryagent.send;

import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code <state_dir>/sent.jsonl}: every event actually delivered, the last {@value #MAX_LINES}, for {@code log}. */
public final class SentLog {
    /** File name in the state directory. */
    public static final String FILE = "sent.jsonl";
    /** Lines kept. */
    public static final int MAX_LINES = 1000;
    /** The largest log read. */
    private static final int MAX_FILE_BYTES = 1 << 20;

    private final StateDirectory state;

    /** @param state where the log lives */
    public SentLog(StateDirectory state) {
        this.state = state;
    }

    /** Appends delivered events (JSON lines), keeping the newest {@value #MAX_LINES}. */
    public synchronized void append(List<String> eventLines) throws IOException {
        List<String> lines = read();
        lines.addAll(eventLines);
        int from = Math.max(0, lines.size() - MAX_LINES);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < lines.size(); i++) {
            sb.append(lines.get(i)).append('\n');
        }
        state.ensureExists();
        StateDirectory.writeAtomically(state.file(FILE), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The logged lines, oldest first. */
    public List<String> read() throws IOException {
        List<String> out = new ArrayList<>();
        File f = state.file(FILE);
        if (!f.exists()) {
            return out;
        }
        String text = state.read(FILE, MAX_FILE_BYTES);
        for (String line : text.split("\n")) {
            if (!line.trim().isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
