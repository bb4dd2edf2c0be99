package sample.pipeline;

import java.io.IOException;

/** A dlt-like pipeline: run calls extract, normalize and load. */
public class Pipeline {
    private final String name;
    private final String destination;
    private int depth;
    private static volatile Throwable lastThrown;

    public Pipeline(String name, String destination) {
        this.name = name;
        this.destination = destination;
    }

    /** The exception load() threw last, so the caller can check it received the very same object. */
    public static Throwable lastThrown() {
        return lastThrown;
    }

    public String getName() {
        return name;
    }

    public LoadReport run(String dataset) throws IOException {
        extract(dataset);
        normalize(dataset, 3);
        return load(dataset);
    }

    public int extract(String dataset) {
        Source source = dataset.startsWith("api") ? new ApiSource() : new CsvSource();
        return source.fetch(dataset);
    }

    /** Recursive: one event for the outermost call only. */
    public int normalize(String dataset, int passes) {
        depth++;
        if (passes <= 1) {
            return depth;
        }
        return normalize(dataset, passes - 1);
    }

    public LoadReport load(String dataset) throws IOException {
        if (dataset.equals("bad")) {
            IOException e = new IOException("cannot open /var/data/bad.csv: permission denied",
                    new IllegalStateException("disk quota"));
            lastThrown = e;
            throw e;
        }
        return new LoadReport(dataset.startsWith("partial") ? Status.PARTIAL : Status.COMPLETED, 7);
    }
}
