package dev.telemetryagent.config;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Finds the agent configuration in the contract's order: agent option {@code config=PATH}, system
 * property {@code telemetry.agent.config}, environment {@code TELEMETRY_AGENT_CONFIG}, then
 * {@code agent-config.toml} beside the agent jar; then, as this project's extension of the contract,
 * the resource {@value #RESOURCE} inside the jar that holds the agent (a tool that ships the agent in
 * its own executable jar ships its config the same way). Never the working directory: a repository
 * the user happens to be in must not redirect telemetry.
 *
 * <p>A config named by the system property or the environment variable is global to the user's
 * session, while an embedded config belongs to one tool: when the jar holds one, the lookup remembers it
 * ({@link Location#embedded()}), and {@link ConfigLoader#scoped} lets the global config win only when it
 * names the same {@code [app]}.
 */
public final class ConfigLocator {
    /** System property naming the config file. */
    public static final String PROPERTY = "telemetry.agent.config";
    /** Environment variable naming the config file. */
    public static final String ENV = "TELEMETRY_AGENT_CONFIG";
    /** File name looked for beside the agent jar. */
    public static final String DEFAULT_NAME = "agent-config.toml";
    /** Resource looked for inside the jar that holds the agent, last. */
    public static final String RESOURCE = "META-INF/telemetry-agent/agent-config.toml";

    private ConfigLocator() {
    }

    /** The result of a lookup: a file, a resource of the agent's jar, or where the lookup went. */
    public static final class Location {
        private final File file;
        private final File jar;
        private final String searched;
        private final File embedded;
        private final String note;

        Location(File file, String searched) {
            this(file, null, searched, null, null);
        }

        Location(File file, File jar, String searched, File embedded, String note) {
            this.file = file;
            this.jar = jar;
            this.searched = searched;
            this.embedded = embedded;
            this.note = note;
        }

        /**
         * For a config named by the system property or the environment variable: the agent's jar when it
         * also holds an embedded config, which stands unless both name the same application; else null.
         */
        public File embedded() {
            return embedded;
        }

        /** Why an override was set aside for the embedded config (for one debug line), or null. */
        public String note() {
            return note;
        }

        /** The file to read, or null when none was found or the config is a {@link #jar()} resource. */
        public File file() {
            return file;
        }

        /** The jar whose {@link #RESOURCE} is the config, or null. */
        public File jar() {
            return jar;
        }

        /** Whether a config was found, as a file or as a resource. */
        public boolean isFound() {
            return file != null || jar != null;
        }

        /** How to name the config in messages: its path, or {@code jar!/resource}. */
        public String name() {
            return jar != null ? jar.getPath() + "!/" + RESOURCE : file == null ? null : file.getPath();
        }

        /** Where the lookup went, for the "no config found" line. */
        public String searched() {
            return searched;
        }
    }

    /**
     * Looks the config up.
     *
     * @param optionPath path from the agent's {@code config=} option, or null
     * @param env the environment
     * @param agentJar the agent jar, or null when unknown
     */
    public static Location locate(String optionPath, String propertyPath, Map<String, String> env, File agentJar) {
        if (optionPath != null && !optionPath.isEmpty()) {
            return new Location(new File(optionPath), "agent option config=" + optionPath);
        }
        if (propertyPath != null && !propertyPath.isEmpty()) {
            return new Location(new File(propertyPath), null, "-D" + PROPERTY + "=" + propertyPath,
                    embeddedIn(agentJar), null);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new Location(new File(fromEnv), null, ENV + "=" + fromEnv, embeddedIn(agentJar), null);
        }
        String searched = "config= option, -D" + PROPERTY + ", " + ENV;
        if (agentJar != null) {
            File beside = new File(agentJar.getAbsoluteFile().getParentFile(), DEFAULT_NAME);
            searched = searched + ", " + beside.getPath();
            if (beside.isFile()) {
                return new Location(beside, searched);
            }
            searched = searched + ", " + agentJar.getPath() + "!/" + RESOURCE;
            if (hasResource(agentJar)) {
                return new Location(null, agentJar, searched, null, null);
            }
        }
        return new Location(null, searched);
    }

    private static File embeddedIn(File agentJar) {
        return agentJar != null && hasResource(agentJar) ? agentJar : null;
    }

    private static boolean hasResource(File jar) {
        try (JarFile j = new JarFile(jar, false)) {
            return j.getJarEntry(RESOURCE) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
