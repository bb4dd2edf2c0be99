package sample.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Connects to a target; its failures carry secrets in their messages, as real drivers' do. */
public class Connector {
    private final String target;

    public Connector(String target) {
        this.target = target;
    }

    public String getTarget() {
        return target;
    }

    /** Fails as {@code kind} says, with {@code detail} as the message. */
    public void connect(String kind, String detail) throws IOException {
        switch (kind) {
            case "io":
                throw new IOException(detail);
            case "state":
                throw new IllegalStateException(detail);
            case "wrapped":
                throw new IllegalStateException("connect failed: " + detail, new IOException(detail));
            case "unchecked":
                throw new UncheckedIOException(new IOException(detail));
            default:
                return;
        }
    }
}
