import java.io.File;

/**
 * What starting one process costs a JVM that has not started one before: the agent's exit pays it when
 * no sender is alive. Run with "none" (nothing), "process" (what the exit does: setsid --fork of a
 * command that ends at once, every stream to /dev/null or discarded), "lambda" (the first lambda alone)
 * or "handle" (the JDK's process handle classes alone, through ProcessHandle.current()).
 */
public final class ProcessStart {
    private ProcessStart() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "process":
                ProcessBuilder pb = new ProcessBuilder("/usr/bin/setsid", "--fork", "/bin/true");
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                pb.start();
                break;
            case "lambda":
                Runnable r = () -> { };
                r.run();
                break;
            case "handle":
                ProcessHandle.current();
                break;
            default:
                break;
        }
    }
}
