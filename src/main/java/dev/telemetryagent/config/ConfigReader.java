package dev.telemetryagent.config;

import dev.telemetryagent.state.StateDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed TOML document into a validated {@link AgentConfig}. Every key is checked: unknown
 * keys, wrong types, bad names, accessors and endpoints each fail with the line and the key.
 */
public final class ConfigReader {
    /** Property names the agent itself sets; a configured property or hash may not shadow them. */
    static final Set<String> RESERVED_PROPERTIES = new HashSet<>(Arrays.asList(
            "event_category", "event_name", "elapsed", "success", "error_type", "error_message",
            "error_root_type", "exit_code", "options", "count", "failures", "elapsed_total", "elapsed_min",
            "elapsed_max", "summary"));

    private static final int DEFAULT_TIMEOUT_MS = 3000;
    private static final int DEFAULT_MAX_EVENTS = 1000;

    private final String home;

    /** @param home the user's home directory, for {@code ~} in {@code state_dir} */
    public ConfigReader(String home) {
        this.home = home;
    }

    /** Parses and validates a configuration file's text. */
    public AgentConfig read(String source, String text) throws ConfigException {
        TomlTable root = TomlParser.parse(text);
        allowOnly(root, "", "app", "telemetry", "sender", "instrument");
        TomlTable appTable = requiredTable(root, "app");
        AppSettings app = app(appTable);
        TelemetrySettings telemetry = telemetry(optionalTable(root, "telemetry"), app);
        SenderSettings sender = sender(optionalTable(root, "sender"));
        List<InstrumentSpec> instruments = instruments(root);
        return new AgentConfig(source, app, telemetry, sender, instruments);
    }

    private AppSettings app(TomlTable t) throws ConfigException {
        allowOnly(t, "app", "name", "version");
        String name = requiredString(t, "app", "name");
        if (!isAppName(name)) {
            throw new ConfigException(t.lineOf("name"), "app.name",
                    "\"" + name + "\" is not a valid name (use lower-case letters, digits, '.', '_' and '-')");
        }
        String version = optionalString(t, "app", "version", null);
        return new AppSettings(name, version);
    }

    static boolean isAppName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return !name.equals(".") && !name.equals("..");
    }

    private TelemetrySettings telemetry(TomlTable t, AppSettings app) throws ConfigException {
        allowOnly(t, "telemetry", "mode", "user_id", "consent", "disable_env", "ci", "hash_salt", "error_details",
                "project_hash", "state_dir");
        Mode mode = oneOf(t, "telemetry", "mode", Mode.ANONYMOUS, Mode.values());
        String userId = optionalString(t, "telemetry", "user_id", null);
        ConsentPolicy consent = oneOf(t, "telemetry", "consent", ConsentPolicy.NOTICE, ConsentPolicy.values());
        List<String> disableEnv = stringList(t, "telemetry", "disable_env");
        for (String name : disableEnv) {
            if (!isEnvName(name)) {
                throw new ConfigException(t.lineOf("disable_env"), "telemetry.disable_env",
                        "\"" + name + "\" is not an environment variable name");
            }
        }
        CiPolicy ci = oneOf(t, "telemetry", "ci", CiPolicy.DISABLE, CiPolicy.values());
        String salt = optionalString(t, "telemetry", "hash_salt", null);
        if (salt != null && salt.isEmpty()) {
            throw new ConfigException(t.lineOf("hash_salt"), "telemetry.hash_salt",
                    "must not be empty (leave it out for a random per-machine salt)");
        }
        boolean errorDetails = optionalBoolean(t, "telemetry", "error_details", false);
        boolean projectHash = optionalBoolean(t, "telemetry", "project_hash", false);
        String stateDir = optionalString(t, "telemetry", "state_dir", "~/." + app.name());
        stateDir = expandHome(t, stateDir);
        return new TelemetrySettings(mode, userId, consent, disableEnv, ci, salt, errorDetails, projectHash,
                stateDir);
    }

    private String expandHome(TomlTable t, String dir) throws ConfigException {
        String expanded = dir;
        if (dir.equals("~")) {
            expanded = home;
        } else if (dir.startsWith("~/")) {
            expanded = home + dir.substring(1);
        }
        boolean absolute = expanded.startsWith("/") || (expanded.length() > 2 && expanded.charAt(1) == ':')
                || expanded.startsWith("\\\\");
        if (!absolute) {
            throw new ConfigException(t.lineOf("state_dir"), "telemetry.state_dir",
                    "must be an absolute path or start with ~/");
        }
        String unsuitable = StateDirectory.unsuitable(expanded, home);
        if (unsuitable != null) {
            throw new ConfigException(t.lineOf("state_dir"), "telemetry.state_dir", unsuitable);
        }
        return expanded;
    }

    private static boolean isEnvName(String s) {
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private SenderSettings sender(TomlTable t) throws ConfigException {
        allowOnly(t, "sender", "endpoint", "format", "api_key", "timeout_ms", "max_events_per_run", "debug");
        String endpoint = optionalString(t, "sender", "endpoint", null);
        if (endpoint != null) {
            String problem = EndpointRule.check(endpoint);
            if (problem != null) {
                throw new ConfigException(t.lineOf("endpoint"), "sender.endpoint", problem);
            }
            while (endpoint.endsWith("/") && endpoint.indexOf('/', endpoint.indexOf("//") + 2) < endpoint.length() - 1) {
                endpoint = endpoint.substring(0, endpoint.length() - 1);
            }
        }
        Format format = oneOf(t, "sender", "format", Format.JSON, Format.values());
        String apiKey = optionalString(t, "sender", "api_key", null);
        if ((format == Format.POSTHOG || format == Format.SEGMENT) && endpoint != null
                && (apiKey == null || apiKey.isEmpty())) {
            throw new ConfigException(t.lineOf("format"), "sender.api_key",
                    "format " + format.tomlName() + " needs an api_key");
        }
        int timeout = (int) optionalLong(t, "sender", "timeout_ms", DEFAULT_TIMEOUT_MS, 1, 120_000);
        int maxEvents = (int) optionalLong(t, "sender", "max_events_per_run", DEFAULT_MAX_EVENTS, 0, 100_000);
        boolean debug = optionalBoolean(t, "sender", "debug", false);
        return new SenderSettings(endpoint, format, apiKey, timeout, maxEvents, debug);
    }

    private List<InstrumentSpec> instruments(TomlTable root) throws ConfigException {
        Object value = root.get("instrument");
        if (value == null) {
            return Collections.emptyList();
        }
        if (!(value instanceof TomlParser.TableArray)) {
            throw new ConfigException(root.lineOf("instrument"), "instrument",
                    "must be an array of tables: write [[instrument]]");
        }
        List<InstrumentSpec> specs = new ArrayList<>();
        Set<String> eventNames = new HashSet<>();
        List<?> list = (List<?>) value;
        boolean picocliSeen = false;
        for (int i = 0; i < list.size(); i++) {
            TomlTable t = (TomlTable) list.get(i);
            String prefix = "instrument[" + (i + 1) + "]";
            InstrumentSpec spec = instrument(t, prefix, i);
            if (spec.picocli()) {
                if (picocliSeen) {
                    throw new ConfigException(t.line(), prefix + ".picocli", "picocli is instrumented twice");
                }
                picocliSeen = true;
            } else {
                for (String m : spec.methods()) {
                    if (!eventNames.add(spec.className() + "#" + m)) {
                        throw new ConfigException(t.lineOf("methods"), prefix + ".methods",
                                "method " + spec.className() + "#" + m + " is instrumented twice");
                    }
                }
            }
            specs.add(spec);
        }
        return Collections.unmodifiableList(specs);
    }

    private InstrumentSpec instrument(TomlTable t, String prefix, int index) throws ConfigException {
        if (t.get("picocli") != null) {
            allowOnly(t, prefix, "picocli");
            if (!requiredBoolean(t, prefix, "picocli")) {
                throw new ConfigException(t.lineOf("picocli"), prefix + ".picocli",
                        "picocli = false does nothing; remove the entry");
            }
            return new InstrumentSpec(index, true, null, false, Collections.<String>emptyList(), "command",
                    "command_{method}", null, Collections.<String, Accessor>emptyMap(),
                    Collections.<String, Accessor>emptyMap());
        }
        allowOnly(t, prefix, "class", "subtypes", "methods", "category", "event", "success", "hash", "properties");
        String className = requiredString(t, prefix, "class");
        if (!isBinaryClassName(className)) {
            throw new ConfigException(t.lineOf("class"), prefix + ".class",
                    "\"" + className + "\" is not a fully qualified class name");
        }
        boolean subtypes = optionalBoolean(t, prefix, "subtypes", false);
        List<String> methods = stringList(t, prefix, "methods");
        if (methods.isEmpty()) {
            throw new ConfigException(t.lineOf("methods"), prefix + ".methods", "list at least one method name");
        }
        Set<String> seen = new HashSet<>();
        for (String m : methods) {
            if (!Accessor.isJavaIdentifier(m)) {
                throw new ConfigException(t.lineOf("methods"), prefix + ".methods",
                        "\"" + m + "\" is not a method name");
            }
            if (!seen.add(m)) {
                throw new ConfigException(t.lineOf("methods"), prefix + ".methods", "\"" + m + "\" is listed twice");
            }
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        String category = optionalString(t, prefix, "category", simple.toLowerCase(Locale.ROOT));
        if (!isEventName(category)) {
            throw new ConfigException(t.lineOf("category"), prefix + ".category",
                    "\"" + category + "\" is not a valid category (lower-case letters, digits and '_')");
        }
        String event = optionalString(t, prefix, "event", category + "_{method}");
        String sample = event.replace("{method}", "m");
        if (!isEventName(sample.toLowerCase(Locale.ROOT)) || sample.indexOf('{') >= 0) {
            throw new ConfigException(t.lineOf("event"), prefix + ".event",
                    "\"" + event + "\" is not a valid event name (letters, digits, '_' and {method})");
        }
        if (methods.size() > 1 && !event.contains("{method}")) {
            throw new ConfigException(t.lineOf("event"), prefix + ".event",
                    "several methods share one entry, so the event name needs {method}");
        }
        SuccessRule success = successRule(t, prefix);
        Map<String, Accessor> hashes = accessorMap(t, prefix, "hash");
        Map<String, Accessor> properties = accessorMap(t, prefix, "properties");
        for (String name : hashes.keySet()) {
            if (properties.containsKey(name + "_hash")) {
                throw new ConfigException(t.lineOf("properties"), prefix + ".properties." + name + "_hash",
                        "clashes with the hash of " + name);
            }
        }
        return new InstrumentSpec(index, false, className, subtypes, methods, category, event, success, hashes,
                properties);
    }

    private SuccessRule successRule(TomlTable t, String prefix) throws ConfigException {
        Object v = t.get("success");
        if (v == null) {
            return null;
        }
        String key = prefix + ".success";
        if (!(v instanceof TomlTable)) {
            throw new ConfigException(t.lineOf("success"), key,
                    "must be a table like { value = \"return.status\", in = [\"COMPLETED\"] }");
        }
        TomlTable s = (TomlTable) v;
        allowOnly(s, key, "value", "in");
        Accessor accessor = accessor(s, key, "value", requiredString(s, key, "value"));
        Object in = s.get("in");
        if (!(in instanceof List) || ((List<?>) in).isEmpty()) {
            throw new ConfigException(s.lineOf("in"), key + ".in", "must be a non-empty array of accepted values");
        }
        List<String> accepted = new ArrayList<>();
        for (Object o : (List<?>) in) {
            if (o instanceof TomlTable || o instanceof List) {
                throw new ConfigException(s.lineOf("in"), key + ".in", "values must be strings, numbers or booleans");
            }
            accepted.add(String.valueOf(o));
        }
        return new SuccessRule(accessor, Collections.unmodifiableList(accepted));
    }

    private Map<String, Accessor> accessorMap(TomlTable t, String prefix, String key) throws ConfigException {
        Object v = t.get(key);
        if (v == null) {
            return Collections.emptyMap();
        }
        if (!(v instanceof TomlTable)) {
            throw new ConfigException(t.lineOf(key), prefix + "." + key,
                    "must be a table of name = \"accessor\" pairs");
        }
        TomlTable m = (TomlTable) v;
        Map<String, Accessor> result = new LinkedHashMap<>();
        for (String name : m.keys()) {
            String full = prefix + "." + key + "." + name;
            if (!isEventName(name)) {
                throw new ConfigException(m.lineOf(name), full,
                        "\"" + name + "\" is not a valid property name (lower-case letters, digits and '_')");
            }
            String sent = key.equals("hash") ? name + "_hash" : name;
            if (RESERVED_PROPERTIES.contains(sent)) {
                throw new ConfigException(m.lineOf(name), full, "\"" + sent + "\" is a property the agent sets itself");
            }
            Object a = m.get(name);
            if (!(a instanceof String)) {
                throw new ConfigException(m.lineOf(name), full, "must be a string accessor such as \"this.name\"");
            }
            result.put(name, accessor(m, full, name, (String) a));
        }
        return Collections.unmodifiableMap(result);
    }

    private static Accessor accessor(TomlTable t, String fullKey, String key, String text) throws ConfigException {
        try {
            return Accessor.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(t.lineOf(key), fullKey, e.getMessage());
        }
    }

    static boolean isEventName(String s) {
        if (s.isEmpty() || s.length() > 100) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBinaryClassName(String s) {
        String[] parts = s.split("\\.", -1);
        for (String p : parts) {
            for (String inner : p.split("\\$", -1)) {
                if (!Accessor.isJavaIdentifier(inner)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void allowOnly(TomlTable t, String prefix, String... allowed) throws ConfigException {
        Set<String> set = new HashSet<>(Arrays.asList(allowed));
        for (String key : t.keys()) {
            if (!set.contains(key)) {
                String full = prefix.isEmpty() ? key : prefix + "." + key;
                throw new ConfigException(t.lineOf(key), full,
                        "unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static TomlTable requiredTable(TomlTable t, String key) throws ConfigException {
        Object v = t.get(key);
        if (v == null) {
            throw new ConfigException(0, key, "the [" + key + "] table is required");
        }
        if (!(v instanceof TomlTable)) {
            throw new ConfigException(t.lineOf(key), key, "must be a table: write [" + key + "]");
        }
        return (TomlTable) v;
    }

    private static TomlTable optionalTable(TomlTable t, String key) throws ConfigException {
        Object v = t.get(key);
        if (v == null) {
            return new TomlTable(0, false);
        }
        if (!(v instanceof TomlTable)) {
            throw new ConfigException(t.lineOf(key), key, "must be a table: write [" + key + "]");
        }
        return (TomlTable) v;
    }

    private static String requiredString(TomlTable t, String prefix, String key) throws ConfigException {
        if (t.get(key) == null) {
            throw new ConfigException(t.line(), prefix + "." + key, "is required");
        }
        return optionalString(t, prefix, key, null);
    }

    private static String optionalString(TomlTable t, String prefix, String key, String fallback)
            throws ConfigException {
        Object v = t.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String)) {
            throw new ConfigException(t.lineOf(key), prefix + "." + key, "must be a string, not " + typeName(v));
        }
        return (String) v;
    }

    private static boolean requiredBoolean(TomlTable t, String prefix, String key) throws ConfigException {
        Object v = t.get(key);
        if (!(v instanceof Boolean)) {
            throw new ConfigException(t.lineOf(key), prefix + "." + key, "must be true or false, not " + typeName(v));
        }
        return (Boolean) v;
    }

    private static boolean optionalBoolean(TomlTable t, String prefix, String key, boolean fallback)
            throws ConfigException {
        return t.get(key) == null ? fallback : requiredBoolean(t, prefix, key);
    }

    private static long optionalLong(TomlTable t, String prefix, String key, long fallback, long min, long max)
            throws ConfigException {
        Object v = t.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long)) {
            throw new ConfigException(t.lineOf(key), prefix + "." + key, "must be an integer, not " + typeName(v));
        }
        long l = (Long) v;
        if (l < min || l > max) {
            throw new ConfigException(t.lineOf(key), prefix + "." + key,
                    "must be between " + min + " and " + max + ", not " + l);
        }
        return l;
    }

    /** One of an enum's constants, spelled in lower case in TOML (no Enum.valueOf: it costs reflection). */
    private static <E extends Enum<E>> E oneOf(TomlTable t, String prefix, String key, E fallback, E[] allowed)
            throws ConfigException {
        String v = optionalString(t, prefix, key, null);
        if (v == null) {
            return fallback;
        }
        StringBuilder names = new StringBuilder();
        for (E a : allowed) {
            String name = a.name().toLowerCase(Locale.ROOT);
            if (name.equals(v)) {
                return a;
            }
            names.append(names.length() == 0 ? "" : ", ").append(name);
        }
        throw new ConfigException(t.lineOf(key), prefix + "." + key,
                "unknown value \"" + v + "\" (expected " + names + ")");
    }

    private static List<String> stringList(TomlTable t, String prefix, String key) throws ConfigException {
        Object v = t.get(key);
        if (v == null) {
            return Collections.emptyList();
        }
        if (!(v instanceof List)) {
            throw new ConfigException(t.lineOf(key), prefix + "." + key, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof String)) {
                throw new ConfigException(t.lineOf(key), prefix + "." + key, "must be an array of strings");
            }
            out.add((String) o);
        }
        return Collections.unmodifiableList(out);
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Long) {
            return "an integer";
        }
        if (v instanceof Double) {
            return "a float";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof List) {
            return "an array";
        }
        return "a table";
    }
}
