package sample.pipeline;

/** A data source; the agent instruments every implementation with subtypes = true. */
public interface Source {
    int fetch(String table);
}
