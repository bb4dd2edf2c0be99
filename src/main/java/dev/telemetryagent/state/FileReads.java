package dev.telemetryagent.state;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's only way to read a file. A file is opened only when, after its links are resolved, it is
 * a regular file within a size bound: a FIFO, a device, a directory or a link to {@code /dev/stdin}
 * would block or steal the application's input, so each is refused before it is opened. Plain
 * {@code java.io} ({@code File.isFile} is {@code S_ISREG} of {@code stat}) keeps this cheap at startup.
 *
 * <p>The check and the open are two steps: a file swapped for a FIFO in between could still block. In
 * the state directory only its owner can do that; elsewhere (the project file, the config) it takes a
 * local attacker writing that directory at that very moment, which the threat model in
 * {@code docs/PRIVACY.md} accepts.
 */
public final class FileReads {
    private FileReads() {
    }

    /**
     * The file's UTF-8 text, or null when there is no file (a dangling link included).
     *
     * @param maxBytes the largest size accepted for this kind of file
     * @throws RefusedFileException when it is not a regular file or larger than {@code maxBytes}
     */
    public static String text(File file, int maxBytes) throws IOException {
        byte[] bytes = bytes(file, maxBytes);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The file's bytes, or null when there is no file; the same checks as {@link #text}. */
    public static byte[] bytes(File file, int maxBytes) throws IOException {
        if (!file.isFile()) {
            if (!file.exists()) {
                return null;
            }
            throw new RefusedFileException(file.isDirectory() ? "a directory, not a file" : "not a regular file");
        }
        long length = file.length();
        if (length > maxBytes) {
            throw new RefusedFileException("larger than " + maxBytes + " bytes");
        }
        try (InputStream in = new FileInputStream(file)) {
            return readAtMost(in, (int) length, maxBytes);
        }
    }

    /**
     * Opens a regular file for reading a stream of it; the caller bounds what it reads.
     *
     * @throws RefusedFileException when it is not a regular file
     * @throws FileNotFoundException when there is no file
     */
    public static InputStream open(File file) throws IOException {
        if (!file.isFile()) {
            if (!file.exists()) {
                throw new FileNotFoundException(file.getName());
            }
            throw new RefusedFileException("not a regular file");
        }
        return new FileInputStream(file);
    }

    /**
     * The first {@code maxBytes} of a regular file as UTF-8 text (for files of the system, such as
     * {@code /proc/self/cgroup}, that report no size), or null when there is none or it is not regular.
     */
    public static String head(File file, int maxBytes) {
        if (!file.isFile()) {
            return null;
        }
        byte[] buf = new byte[Math.min(8192, maxBytes)];
        int n = 0;
        try (InputStream in = new FileInputStream(file)) {
            while (true) {
                if (n == buf.length) {
                    if (n >= maxBytes) {
                        break;
                    }
                    byte[] bigger = new byte[Math.min(n * 2, maxBytes)];
                    System.arraycopy(buf, 0, bigger, 0, n);
                    buf = bigger;
                }
                int r = in.read(buf, n, buf.length - n);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            return null;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** Reads a stream to its end, refusing more than {@code maxBytes} (a file may grow while read). */
    public static byte[] readAtMost(InputStream in, int expected, int maxBytes) throws IOException {
        byte[] buf = new byte[Math.max(64, Math.min(expected + 1, maxBytes + 1))];
        int n = 0;
        while (true) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (n > maxBytes) {
                throw new RefusedFileException("larger than " + maxBytes + " bytes");
            }
            if (n == buf.length) {
                byte[] bigger = new byte[(int) Math.min((long) maxBytes + 1, buf.length * 2L)];
                System.arraycopy(buf, 0, bigger, 0, n);
                buf = bigger;
            }
        }
        if (n == buf.length) {
            return buf;
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }
}
