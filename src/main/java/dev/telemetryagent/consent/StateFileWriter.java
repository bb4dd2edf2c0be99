package dev.telemetryagent.consent;

import dev.telemetryagent.config.ConfigException;
import dev.telemetryagent.config.TomlParser;
import dev.telemetryagent.state.FileDeletes;
import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.FileWrites;
import dev.telemetryagent.state.StateDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets and removes top-level keys of a state file by editing its lines, so the user's comments and any
 * other keys survive; then writes it atomically and owner-only. A file that does not parse is kept
 * aside as {@code telemetry.toml.broken} and replaced by a fresh one (the caller tells the user).
 */
public final class StateFileWriter {
    /** Suffix of an unreadable file kept aside. */
    public static final String BROKEN_SUFFIX = ".broken";

    private final File file;
    private final List<String> lines;
    private final String keptAside;

    private StateFileWriter(File file, List<String> lines, String keptAside) {
        this.file = file;
        this.lines = lines;
        this.keptAside = keptAside;
    }

    /**
     * Opens a state file for editing.
     *
     * @param header comment lines for a file that does not exist yet
     */
    public static StateFileWriter open(File file, String header) throws IOException {
        List<String> lines = new ArrayList<>();
        String text = FileReads.text(file, StateDirectory.SMALL_FILE_BYTES);
        if (text == null) {
            addLines(lines, header);
            return new StateFileWriter(file, lines, null);
        }
        try {
            TomlParser.parse(text);
        } catch (ConfigException e) {
            File aside = new File(file.getPath() + BROKEN_SUFFIX);
            FileDeletes.delete(aside, true);
            try {
                FileWrites.replace(file, aside);
            } catch (IOException notMoved) {
                throw new IOException("cannot move the unreadable " + file.getName() + " aside");
            }
            addLines(lines, header);
            return new StateFileWriter(file, lines, aside.getPath());
        }
        addLines(lines, text);
        return new StateFileWriter(file, lines, null);
    }

    private static void addLines(List<String> lines, String text) {
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = end + 1;
        }
    }

    /** Where an unreadable file was moved, or null. */
    public String keptAside() {
        return keptAside;
    }

    /** Sets a top-level boolean. */
    public StateFileWriter set(String key, boolean value) {
        return put(key, key + " = " + value);
    }

    /** Sets a top-level string. */
    public StateFileWriter set(String key, String value) {
        StringBuilder sb = new StringBuilder(key.length() + value.length() + 6).append(key).append(" = \"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                sb.append(c);
            }
        }
        return put(key, sb.append('"').toString());
    }

    /** Removes a top-level key when present. */
    public StateFileWriter remove(String key) {
        int at = lineOf(key);
        if (at >= 0) {
            lines.remove(at);
        }
        return this;
    }

    /** Sets a key only when it is absent. */
    public StateFileWriter setIfAbsent(String key, String value) {
        return lineOf(key) >= 0 ? this : set(key, value);
    }

    private StateFileWriter put(String key, String line) {
        int at = lineOf(key);
        if (at >= 0) {
            lines.set(at, line);
        } else {
            lines.add(firstTableHeader(), line);
        }
        return this;
    }

    /** Index of the line that sets a top-level key, or -1. */
    private int lineOf(String key) {
        int end = firstTableHeader();
        for (int i = 0; i < end; i++) {
            String l = lines.get(i).trim();
            String name = l.startsWith("\"") || l.startsWith("'") ? unquoteKey(l) : bareKey(l);
            if (key.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String bareKey(String l) {
        int eq = l.indexOf('=');
        return eq <= 0 ? null : l.substring(0, eq).trim();
    }

    private static String unquoteKey(String l) {
        char q = l.charAt(0);
        int close = l.indexOf(q, 1);
        if (close < 0 || l.indexOf('=', close) < 0 || !l.substring(close + 1, l.indexOf('=', close)).trim().isEmpty()) {
            return null;
        }
        return l.substring(1, close);
    }

    /** Index of the first {@code [table]} header line, or the number of lines. */
    private int firstTableHeader() {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("[")) {
                return i;
            }
        }
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).trim().isEmpty()) {
            end--;
        }
        return end;
    }

    /** The file's new text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /** Writes the file atomically, owner-only, creating its directory owner-only when needed. */
    public void save() throws IOException {
        FileWrites.ensureDirectory(file.getAbsoluteFile().getParentFile(), true);
        FileWrites.writeAtomically(file, text().getBytes(StandardCharsets.UTF_8));
    }
}
