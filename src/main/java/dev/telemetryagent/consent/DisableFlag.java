package dev.telemetryagent.consent;

import java.io.File;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * {@code --disable-telemetry} among the application's arguments, read from the JVM's
 * {@code sun.java.command} (the main class or jar, then the arguments, joined by spaces), and the
 * main class whose {@code main} must drop it before the application sees it.
 */
public final class DisableFlag {
    /** The application argument. */
    public static final String FLAG = "--disable-telemetry";

    private DisableFlag() {
    }

    /**
     * Whether the flag is one of the arguments (not the main class or jar itself), before any {@code --}
     * argument: after {@code --} it is the application's data.
     */
    public static boolean present(String javaCommand) {
        if (javaCommand == null) {
            return false;
        }
        int endOfOptions = javaCommand.indexOf(" -- ");
        if (endOfOptions < 0 && javaCommand.endsWith(" --")) {
            endOfOptions = javaCommand.length() - 3;
        }
        int from = 0;
        while (true) {
            int at = javaCommand.indexOf(FLAG, from);
            if (at < 0 || (endOfOptions >= 0 && at > endOfOptions)) {
                return false;
            }
            int end = at + FLAG.length();
            if (at > 0 && javaCommand.charAt(at - 1) == ' '
                    && (end == javaCommand.length() || javaCommand.charAt(end) == ' ')) {
                return true;
            }
            from = end;
        }
    }

    /**
     * The application's main class: the jar's {@code Main-Class} for {@code java -jar}, else the first
     * word of the command ({@code module/class} gives the class). Null when it cannot be told.
     *
     * @param classPath {@code java.class.path}, which {@code -jar} sets to exactly the jar
     */
    public static String mainClass(String javaCommand, String classPath) {
        if (javaCommand == null || javaCommand.isEmpty()) {
            return null;
        }
        if (classPath != null && classPath.endsWith(".jar") && javaCommand.startsWith(classPath)
                && (javaCommand.length() == classPath.length() || javaCommand.charAt(classPath.length()) == ' ')) {
            return manifestMainClass(new File(classPath));
        }
        int space = javaCommand.indexOf(' ');
        String first = space < 0 ? javaCommand : javaCommand.substring(0, space);
        int slash = first.lastIndexOf('/');
        return slash >= 0 ? first.substring(slash + 1) : first;
    }

    private static String manifestMainClass(File jar) {
        try (JarFile jf = new JarFile(jar, false)) {
            Manifest mf = jf.getManifest();
            String main = mf == null ? null : mf.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            return main == null ? null : main.trim();
        } catch (IOException e) {
            return null;
        }
    }
}
