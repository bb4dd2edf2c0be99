package dev.telemetryagent.config;

/**
 * A configuration that cannot be used: a TOML syntax error or a value that fails validation. It names
 * the line and the key at fault where there is one, so the single stderr line can point at them.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String key;

    /**
     * @param line 1-based line of the fault, or 0 when it has none
     * @param key dotted key at fault, or null
     * @param message what is wrong, for people
     */
    public ConfigException(int line, String key, String message) {
        super(message, null, false, false);
        this.line = line;
        this.key = key;
    }

    /** 1-based line of the fault, or 0. */
    public int line() {
        return line;
    }

    /** Dotted key at fault, or null. */
    public String key() {
        return key;
    }

    /** "file:line: key 'k': message", leaving out what is unknown. */
    public String describe(String file) {
        StringBuilder sb = new StringBuilder();
        sb.append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (key != null) {
            sb.append("key '").append(key).append("': ");
        }
        sb.append(getMessage());
        return sb.toString();
    }
}
