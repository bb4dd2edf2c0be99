package dev.telemetryagent.cli;

import dev.telemetryagent.consent.ControlHint;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --telemetry COMMAND} given as the application's first argument ({@code acme --telemetry status}):
 * the end user of a tool that embeds the agent reaches the control commands through the tool itself.
 * The agent runs the command before the application's {@code main} and ends the JVM with its exit
 * status, so the application never sees the arguments and nothing is instrumented or sent for them; it
 * does so whatever the opt-outs say (status must work when telemetry is off). The arguments are read
 * from {@code sun.java.command}, where they are joined by spaces: a control command's words hold none.
 */
public final class TelemetryOption {
    private TelemetryOption() {
    }

    /**
     * The control command's arguments when the application's first argument is {@value ControlHint#OPTION},
     * else null.
     *
     * @param javaCommand the JVM's {@code sun.java.command}: the main class or jar, then the arguments
     * @param classPath {@code java.class.path}, whose first entry {@code -jar} makes the jar
     */
    public static String[] controlArguments(String javaCommand, String classPath) {
        if (javaCommand == null) {
            return null;
        }
        int space = javaCommand.indexOf(' ');
        int argsAt = space < 0 ? javaCommand.length() : space;
        if (classPath != null) {
            // java -jar: the command starts with the jar, the class path's first entry (an agent given
            // with -javaagent follows it there); a jar's path may hold spaces.
            int end = classPath.indexOf(File.pathSeparatorChar);
            String jar = end < 0 ? classPath : classPath.substring(0, end);
            if (jar.endsWith(".jar") && javaCommand.startsWith(jar)
                    && (javaCommand.length() == jar.length() || javaCommand.charAt(jar.length()) == ' ')) {
                argsAt = jar.length();
            }
        }
        String rest = javaCommand.substring(argsAt);
        String option = " " + ControlHint.OPTION;
        if (!rest.startsWith(option) || (rest.length() > option.length() && rest.charAt(option.length()) != ' ')) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (String w : rest.substring(option.length()).split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words.toArray(new String[0]);
    }

    /**
     * Runs the control command as {@code java -jar telemetry-agent.jar} would, with the config the
     * application's run would use.
     *
     * @param configOption the agent option {@code config=PATH}'s path, or null
     * @param agentJar the jar that holds the agent
     * @return the exit status
     */
    public static int run(String[] arguments, String configOption, File agentJar) {
        String[] args = arguments;
        if (configOption != null) {
            args = new String[arguments.length + 2];
            args[0] = "--config";
            args[1] = configOption;
            System.arraycopy(arguments, 0, args, 2, arguments.length);
        }
        int status = ControlCommand.run(args, System.getenv(), System.getProperties(),
                new File(System.getProperty("user.dir", ".")), agentJar, System.out, System.err);
        System.out.flush();
        return status;
    }
}
