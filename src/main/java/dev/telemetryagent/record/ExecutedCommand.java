package dev.telemetryagent.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a picocli {@code CommandLine#execute} ran, as event material: the command path as lower-case
 * names, and the options the user gave, each by the name typed, never a value. Built from the names
 * the advice read off the parse result.
 */
final class ExecutedCommand {
    final List<String> path;
    final List<String> options;

    private ExecutedCommand(List<String> path, List<String> options) {
        this.path = path;
        this.options = options;
    }

    /**
     * @param rawPath declared command names, outermost first; null or empty when none could be read
     * @param optionNames every matched option's declared names
     * @param typedArgs the arguments as typed, or null
     */
    static ExecutedCommand of(List<String> rawPath, List<String[]> optionNames, List<String> typedArgs) {
        List<String> path = new ArrayList<>(rawPath == null ? 1 : rawPath.size());
        if (rawPath != null) {
            for (String raw : rawPath) {
                path.add(commandName(raw));
            }
        }
        if (path.isEmpty()) {
            path.add("unknown");
        }
        List<String> tokens = typedArgs == null ? Collections.<String>emptyList() : typedArgs;
        List<String> options = new ArrayList<>(optionNames == null ? 0 : optionNames.size());
        if (optionNames != null) {
            for (String[] names : optionNames) {
                String typed = names == null || names.length == 0 ? null : typedName(names, tokens);
                if (typed != null && !options.contains(typed)) {
                    options.add(typed);
                }
            }
        }
        return new ExecutedCommand(path, options);
    }

    /**
     * The option's name as the user typed it, never the value; its longest name (the first of equal
     * length, as picocli's own {@code longestName}) when it was clustered or came from a default.
     */
    private static String typedName(String[] names, List<String> tokens) {
        for (String token : tokens) {
            if (token == null || token.equals("--")) {
                break;
            }
            for (String name : names) {
                if (token.equals(name) || token.startsWith(name + "=")) {
                    return name;
                }
            }
        }
        String longest = names[0];
        for (String name : names) {
            if (name.length() > longest.length()) {
                longest = name;
            }
        }
        return longest;
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
}
