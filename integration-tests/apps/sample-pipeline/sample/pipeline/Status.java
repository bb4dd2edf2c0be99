package sample.pipeline;

/** Outcome of a pipeline run. */
public enum Status { COMPLETED, PARTIAL, FAILED }
