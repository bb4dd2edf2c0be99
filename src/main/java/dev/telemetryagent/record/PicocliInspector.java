package dev.telemetryagent.record;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads, by reflection on the application's own picocli classes, which command a
 * {@code CommandLine#execute} ran and which options the user gave: names only, never values.
 */
final class PicocliInspector {
    private final ClassValue<Methods> methods = new ClassValue<Methods>() {
        @Override
        protected Methods computeValue(Class<?> type) {
            return new Methods(type);
        }
    };

    /** What a command line executed. */
    static final class Executed {
        final List<String> path;
        final List<String> options;

        Executed(List<String> path, List<String> options) {
            this.path = path;
            this.options = options;
        }
    }

    /** Inspects a command line after {@code execute}; never throws. */
    Executed inspect(Object commandLine) {
        List<String> path = new ArrayList<>(3);
        List<String> options = new ArrayList<>(4);
        try {
            Methods m = methods.get(commandLine.getClass());
            Object parseResult = m.getParseResult.invoke(commandLine);
            if (parseResult == null) {
                path.add(commandName((String) m.getCommandName.invoke(commandLine)));
                return new Executed(path, options);
            }
            Methods pm = methods.get(parseResult.getClass());
            @SuppressWarnings("unchecked")
            List<String> typed = (List<String>) pm.originalArgs.invoke(parseResult);
            List<String> tokens = typed == null ? Collections.<String>emptyList() : typed;
            for (Object level = parseResult; level != null; level = pm.subcommand.invoke(level)) {
                Object spec = pm.commandSpec.invoke(level);
                path.add(commandName((String) methods.get(spec.getClass()).name.invoke(spec)));
                for (Object option : (List<?>) pm.matchedOptions.invoke(level)) {
                    String typedName = typedName(methods.get(option.getClass()), option, tokens);
                    if (typedName != null && !options.contains(typedName)) {
                        options.add(typedName);
                    }
                }
            }
        } catch (Throwable t) {
            if (path.isEmpty()) {
                path.add("unknown");
            }
        }
        return new Executed(path, options);
    }

    /** The option's name as the user typed it, never the value; its longest name when clustered. */
    private static String typedName(Methods om, Object option, List<String> tokens) throws Exception {
        String[] names = (String[]) om.names.invoke(option);
        for (String token : tokens) {
            if (token.equals("--")) {
                break;
            }
            for (String name : names) {
                if (token.equals(name) || token.startsWith(name + "=")) {
                    return name;
                }
            }
        }
        return (String) om.longestName.invoke(option);
    }

    /** Command names become event-name material: lower case, anything else as {@code _}. */
    static String commandName(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = Character.toLowerCase(raw.charAt(i));
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (ok) {
                sb.append(c);
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') {
            sb.setLength(sb.length() - 1);
        }
        return sb.length() == 0 ? "unknown" : sb.toString().toLowerCase(Locale.ROOT);
    }

    /** Public picocli methods of one runtime class, looked up once. Absent ones stay null. */
    private static final class Methods {
        final Method getParseResult;
        final Method getCommandName;
        final Method originalArgs;
        final Method subcommand;
        final Method commandSpec;
        final Method matchedOptions;
        final Method name;
        final Method names;
        final Method longestName;

        Methods(Class<?> type) {
            getParseResult = method(type, "getParseResult");
            getCommandName = method(type, "getCommandName");
            originalArgs = method(type, "originalArgs");
            subcommand = method(type, "subcommand");
            commandSpec = method(type, "commandSpec");
            matchedOptions = method(type, "matchedOptions");
            name = method(type, "name");
            names = method(type, "names");
            longestName = method(type, "longestName");
        }

        private static Method method(Class<?> type, String name) {
            try {
                return type.getMethod(name);
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }
    }
}
