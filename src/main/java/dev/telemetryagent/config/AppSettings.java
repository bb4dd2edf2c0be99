package dev.telemetryagent.config;

/** The {@code [app]} table: which tool the telemetry is about. */
public final class AppSettings {
    private final String name;
    private final String version;

    /**
     * @param name validated app name ({@code [a-z0-9._-]+})
     * @param version configured version, or null to take the main jar's Implementation-Version
     */
    public AppSettings(String name, String version) {
        this.name = name;
        this.version = version;
    }

    /** The app name; names the state dir and the {@code <APP>_TELEMETRY_DISABLED} variable. */
    public String name() {
        return name;
    }

    /** The configured version, or null when it is to be discovered. */
    public String version() {
        return version;
    }

    /** The app-specific opt-out variable: app name upper-cased, {@code -} and {@code .} as {@code _}. */
    public String disabledVariable() {
        StringBuilder sb = new StringBuilder(name.length() + 20);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c == '-' || c == '.' ? '_' : Character.toUpperCase(c));
        }
        return sb.append("_TELEMETRY_DISABLED").toString();
    }
}
