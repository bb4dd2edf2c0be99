package sample.compat;

/** Instrumented through its implementations (subtypes = true). */
public interface Task {
    String perform(String input);
}
