import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * What starting one process costs a JVM that has not started one before: the agent's exit pays it when
 * no sender is alive. Run with "none" (nothing), "process" (what the exit does: setsid --fork of a
 * command that ends at once, every stream to /dev/null or discarded), "lambda" (the first lambda alone)
 * "handle" (the JDK's process handle classes alone, through ProcessHandle.current()) or "internal" (the
 * same process started through the JDK's private native ProcessImpl.forkAndExec by reflection, skipping
 * ProcessHandleImpl and the streams' set-up; needs java.lang and java.io opened to the unnamed module):
 * whether going around ProcessBuilder would be worth its fragility.
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
            case "internal":
                internal("/usr/bin/setsid", "--fork", "/bin/true");
                break;
            default:
                break;
        }
    }

    /** What ProcessImpl's constructor does before it builds the process handle and the streams. */
    private static void internal(String program, String... args) throws Exception {
        Class<?> impl = Class.forName("java.lang.ProcessImpl");
        Method fork = impl.getDeclaredMethod("forkAndExec", int.class, byte[].class, byte[].class, byte[].class,
                int.class, byte[].class, int.class, byte[].class, int[].class, boolean.class);
        fork.setAccessible(true);
        Field unsafeField = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        unsafeField.setAccessible(true);
        Object unsafe = unsafeField.get(null);
        Object process = unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, impl);
        Field fd = FileDescriptor.class.getDeclaredField("fd");
        fd.setAccessible(true);
        ByteArrayOutputStream argBlock = new ByteArrayOutputStream();
        for (String a : args) {
            argBlock.write(a.getBytes(StandardCharsets.UTF_8));
            argBlock.write(0);
        }
        // The child's three streams must be three descriptors: it moves each onto 0, 1 and 2 and closes it.
        try (FileInputStream in = new FileInputStream("/dev/null");
                FileOutputStream out = new FileOutputStream("/dev/null");
                FileOutputStream err = new FileOutputStream("/dev/null")) {
            int[] fds = {fd.getInt(in.getFD()), fd.getInt(out.getFD()), fd.getInt(err.getFD())};
            // Mode 2 is POSIX_SPAWN, the JDK's default on Linux (ProcessImpl.LaunchMechanism, 1-based).
            fork.invoke(process, 2, cString(System.getProperty("java.home") + "/lib/jspawnhelper"),
                    cString(program), argBlock.toByteArray(), args.length, null, 0, null, fds, false);
        }
    }

    private static byte[] cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, c, 0, bytes.length);
        return c;
    }
}
