package dev.telemetryagent.collector.store;

import java.util.List;

/**
 * The versioned schema: migration {@code n} takes the store from version {@code n} to {@code n + 1}. A migration
 * is only ever appended, never edited, once released.
 */
final class Schema {
    /** The columns of {@code events}, in the order of {@link StoredEvent}'s components. */
    static final List<String> COLUMNS = List.of(
            "message_id", "event", "anonymous_id", "user_id", "ts", "app_name", "app_version", "agent_version",
            "run_id", "os_name", "os_version", "os_arch", "java_version", "ci_run", "cpu", "exec_info",
            "category", "event_name", "elapsed", "success", "exit_code", "usage_error", "options", "error_type",
            "error_root_type", "error_site", "error_fingerprint", "summary", "call_count", "failure_count",
            "context", "properties");

    private Schema() {
    }

    /** The statements of every migration, in order, for {@code dialect}. */
    static List<List<String>> migrations(SqlDialect dialect) {
        String text = dialect.textType();
        String dbl = dialect.doubleType();
        return List.of(List.of(
                "CREATE TABLE events ("
                        + "message_id " + text + " NOT NULL PRIMARY KEY, "
                        + "event " + text + " NOT NULL, "
                        + "anonymous_id " + text + " NOT NULL, "
                        + "user_id " + text + ", "
                        + "ts TIMESTAMP NOT NULL, "
                        + "app_name " + text + ", "
                        + "app_version " + text + ", "
                        + "agent_version " + text + ", "
                        + "run_id " + text + ", "
                        + "os_name " + text + ", "
                        + "os_version " + text + ", "
                        + "os_arch " + text + ", "
                        + "java_version " + text + ", "
                        + "ci_run BOOLEAN, "
                        + "cpu INTEGER, "
                        + "exec_info " + text + ", "
                        + "category " + text + ", "
                        + "event_name " + text + ", "
                        + "elapsed " + dbl + ", "
                        + "success BOOLEAN, "
                        + "exit_code INTEGER, "
                        + "usage_error BOOLEAN, "
                        + "options " + text + ", "
                        + "error_type " + text + ", "
                        + "error_root_type " + text + ", "
                        + "error_site " + text + ", "
                        + "error_fingerprint " + text + ", "
                        + "summary BOOLEAN NOT NULL, "
                        + "call_count BIGINT, "
                        + "failure_count BIGINT, "
                        + "context " + text + ", "
                        + "properties " + text + ")"));
    }

    /** The current version: the number of migrations. */
    static int currentVersion(SqlDialect dialect) {
        return migrations(dialect).size();
    }
}
