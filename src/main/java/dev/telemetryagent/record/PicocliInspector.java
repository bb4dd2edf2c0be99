package dev.telemetryagent.record;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
            Object parseResult = m.get("getParseResult").invoke(commandLine);
            if (parseResult == null) {
                path.add(commandName((String) m.get("getCommandName").invoke(commandLine)));
                return new Executed(path, options);
            }
            Methods pm = methods.get(parseResult.getClass());
            @SuppressWarnings("unchecked")
            List<String> typed = (List<String>) pm.get("originalArgs").invoke(parseResult);
            List<String> tokens = typed == null ? Collections.<String>emptyList() : typed;
            for (Object level = parseResult; level != null; level = pm.get("subcommand").invoke(level)) {
                Object spec = pm.get("commandSpec").invoke(level);
                path.add(commandName((String) methods.get(spec.getClass()).get("name").invoke(spec)));
                for (Object option : (List<?>) pm.get("matchedOptions").invoke(level)) {
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
        String[] names = (String[]) om.get("names").invoke(option);
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
        return (String) om.get("longestName").invoke(option);
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

    /**
     * Public picocli methods of one runtime class, each looked up on first use: a class is asked only
     * for the methods its role needs, so no lookup fails (and throws) on the way.
     */
    private static final class Methods {
        private final Class<?> type;
        /** Looked-up methods; null for one the class does not have. */
        private final Map<String, Method> found = new HashMap<>();

        Methods(Class<?> type) {
            this.type = type;
        }

        /** The public no-argument method of that name; throws when the class has none. */
        synchronized Method get(String name) throws NoSuchMethodException {
            if (!found.containsKey(name)) {
                Method m;
                try {
                    m = type.getMethod(name);
                } catch (NoSuchMethodException | RuntimeException e) {
                    m = null;
                }
                found.put(name, m);
            }
            Method m = found.get(name);
            if (m == null) {
                throw new NoSuchMethodException(name);
            }
            return m;
        }
    }
}
