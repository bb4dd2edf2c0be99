package sample.compat;

/** The instrumented unit of work of the compatibility scenarios. */
public class Job {
    private final String name;

    public Job(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** One call, identified by {@code n} so that a test can tell every call apart. */
    public int hit(int n) {
        return n + 1;
    }

    /** Calls itself {@code depth} times, then fails when {@code n} is a multiple of ten. */
    public int deep(int n, int depth) {
        if (depth > 0) {
            return deep(n, depth - 1);
        }
        if (n % 10 == 0) {
            throw new IllegalArgumentException("a multiple of ten");
        }
        return n + 1;
    }

    /** One step of a long-running loop. */
    public int step(int iteration) {
        return iteration * 2;
    }
}
