package sample.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A helper class of the tool, where a failure starts and is wrapped. */
final class Store {
    private Store() {
    }

    static int open(String path) {
        try {
            throw new IOException("cannot open " + path + ": permission denied");
        } catch (IOException e) {
            throw new UncheckedIOException("store unavailable", e);
        }
    }
}
