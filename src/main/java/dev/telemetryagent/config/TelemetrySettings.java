package dev.telemetryagent.config;

import java.util.List;

/** The {@code [telemetry]} table: mode, consent, opt-out variables, hashing and the state dir. */
public final class TelemetrySettings {
    private final Mode mode;
    private final String userId;
    private final ConsentPolicy consent;
    private final List<String> disableEnv;
    private final CiPolicy ci;
    private final String hashSalt;
    private final boolean errorDetails;
    private final boolean projectHash;
    private final String stateDir;

    /** All values validated; {@code hashSalt} null means the per-machine random salt; no project hash. */
    public TelemetrySettings(Mode mode, String userId, ConsentPolicy consent, List<String> disableEnv, CiPolicy ci,
            String hashSalt, boolean errorDetails, String stateDir) {
        this(mode, userId, consent, disableEnv, ci, hashSalt, errorDetails, false, stateDir);
    }

    /**
     * All values validated; {@code hashSalt} null means the per-machine random salt.
     *
     * @param projectHash whether events carry {@code context.project_hash}
     */
    public TelemetrySettings(Mode mode, String userId, ConsentPolicy consent, List<String> disableEnv, CiPolicy ci,
            String hashSalt, boolean errorDetails, boolean projectHash, String stateDir) {
        this.mode = mode;
        this.userId = userId;
        this.consent = consent;
        this.disableEnv = disableEnv;
        this.ci = ci;
        this.hashSalt = hashSalt;
        this.errorDetails = errorDetails;
        this.projectHash = projectHash;
        this.stateDir = stateDir;
    }

    /** Configured mode (the user's state file may narrow it). */
    public Mode mode() {
        return mode;
    }

    /** The configured user id, or null. Sent only in identified mode. */
    public String userId() {
        return userId;
    }

    /** How consent is obtained. */
    public ConsentPolicy consent() {
        return consent;
    }

    /** Extra opt-out variable names, beyond the built-in ones. */
    public List<String> disableEnv() {
        return disableEnv;
    }

    /** Behaviour in CI. */
    public CiPolicy ci() {
        return ci;
    }

    /** The configured salt, or null for the per-machine random salt. */
    public String hashSalt() {
        return hashSalt;
    }

    /** Whether failures carry a redacted {@code error_message}. */
    public boolean errorDetails() {
        return errorDetails;
    }

    /** Whether events carry {@code context.project_hash}, the salted hash of the project root. */
    public boolean projectHash() {
        return projectHash;
    }

    /** Absolute path of the state directory, {@code ~} already expanded. */
    public String stateDir() {
        return stateDir;
    }
}
