package sample.pipeline;

/** What a load returns. */
public final class LoadReport {
    private final Status status;
    private final int rows;

    public LoadReport(Status status, int rows) {
        this.status = status;
        this.rows = rows;
    }

    public Status getStatus() {
        return status;
    }

    public int rows() {
        return rows;
    }
}
