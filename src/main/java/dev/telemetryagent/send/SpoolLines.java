package dev.telemetryagent.send;

import dev.telemetryagent.state.FileReads;
import dev.telemetryagent.state.RefusedFileException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a spool file one line at a time, however large the file: memory holds one line and a buffer,
 * never the file. A line longer than {@link #MAX_LINE} bytes is skipped whole (read, not kept) and
 * returned as the empty string, which no event is. Knows the byte offset after the last line read, so
 * that what is still to deliver can be kept.
 */
final class SpoolLines implements Closeable {
    /** No event is this large; a longer line is not held in memory. */
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private long offset;

    /**
     * @throws RefusedFileException for anything but a regular file (a FIFO would block the reader)
     * @throws java.io.FileNotFoundException when there is no file
     */
    SpoolLines(File f) throws IOException {
        this.in = FileReads.open(f);
    }

    /** The next non-blank line; "" for a line over {@link #MAX_LINE}; null at the end of the file. */
    String next() throws IOException {
        while (true) {
            line.reset();
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == end) {
                    end = in.read(buf);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        break;
                    }
                }
                any = true;
                int from = pos;
                while (pos < end && buf[pos] != '\n') {
                    pos++;
                }
                int n = pos - from;
                if (line.size() + n <= MAX_LINE) {
                    line.write(buf, from, n);
                } else {
                    tooLong = true;
                }
                offset += n;
                if (pos < end) {
                    pos++;
                    offset++;
                    break;
                }
            }
            if (!any) {
                return null;
            }
            if (tooLong) {
                return "";
            }
            String s = new String(line.toByteArray(), StandardCharsets.UTF_8);
            if (!s.trim().isEmpty()) {
                return s;
            }
        }
    }

    /** Bytes consumed so far: the offset where the rest of the file begins. */
    long offset() {
        return offset;
    }

    /** Counts the lines of a file without holding it (for events removed unsent). */
    static long count(File f) {
        long n = 0;
        try (SpoolLines lines = new SpoolLines(f)) {
            while (lines.next() != null) {
                n++;
            }
        } catch (IOException e) {
            // what could be read is counted
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
