package dev.telemetryagent.collector.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The report of CONTRACT.md section 8, as {@code report --json} and {@code GET /report.json} write it. The keys
 * the contract names come first; the others ({@code categories}, {@code options}, {@code version_durations},
 * {@code environments}, {@code filter}) are what the HTML page shows beyond them.
 */
public record Report(
        @JsonProperty("events") long events,
        @JsonProperty("installs") long installs,
        @JsonProperty("runs") long runs,
        @JsonProperty("by_event") List<EventFigures> byEvent,
        @JsonProperty("errors") List<ErrorFigures> errors,
        @JsonProperty("versions") List<VersionFigures> versions,
        @JsonProperty("platforms") Platforms platforms,
        @JsonProperty("daily") List<DayFigures> daily,
        @JsonProperty("options") List<OptionFigures> options,
        @JsonProperty("version_durations") List<VersionDurations> versionDurations,
        @JsonProperty("environments") List<NamedCount> environments,
        @JsonProperty("filter") Filter filter) {

    /**
     * One event name: calls (a summary event counts its {@code count}), failures, their rate, duration
     * percentiles over individually recorded calls (null when none), distinct installs, and its category
     * ({@code command} or {@code pipeline}, as the agent sent it).
     */
    public record EventFigures(
            @JsonProperty("event") String event,
            @JsonProperty("category") String category,
            @JsonProperty("calls") long calls,
            @JsonProperty("failures") long failures,
            @JsonProperty("failure_rate") double failureRate,
            @JsonProperty("p50_s") Double p50,
            @JsonProperty("p95_s") Double p95,
            @JsonProperty("installs") long installs) {
    }

    /** One kind of failure of one event, counted in failed calls. */
    public record ErrorFigures(
            @JsonProperty("event") String event,
            @JsonProperty("error_type") String errorType,
            @JsonProperty("error_site") String errorSite,
            @JsonProperty("error_fingerprint") String errorFingerprint,
            @JsonProperty("usage_error") boolean usageError,
            @JsonProperty("count") long count) {
    }

    /** One application version ({@code context.library.version}). */
    public record VersionFigures(
            @JsonProperty("version") String version,
            @JsonProperty("calls") long calls,
            @JsonProperty("installs") long installs) {
    }

    /** Installs per operating system and per Java version; runs in CI. */
    public record Platforms(
            @JsonProperty("os") List<NamedInstalls> os,
            @JsonProperty("java") List<NamedInstalls> java,
            @JsonProperty("ci_runs") long ciRuns) {
    }

    /** A name with its distinct installs. */
    public record NamedInstalls(@JsonProperty("name") String name, @JsonProperty("installs") long installs) {
    }

    /** A name with a count (for {@code environments}: distinct runs per {@code exec_info} entry, or "none"). */
    public record NamedCount(@JsonProperty("name") String name, @JsonProperty("runs") long runs) {
    }

    /** One UTC day of event timestamps. */
    public record DayFigures(
            @JsonProperty("day") String day,
            @JsonProperty("calls") long calls,
            @JsonProperty("installs") long installs) {
    }

    /** How many calls of a command gave an option (by name only, never its value). */
    public record OptionFigures(
            @JsonProperty("event") String event,
            @JsonProperty("option") String option,
            @JsonProperty("calls") long calls) {
    }

    /** Duration percentiles of one of the most used events in one version. */
    public record VersionDurations(
            @JsonProperty("event") String event,
            @JsonProperty("version") String version,
            @JsonProperty("calls") long calls,
            @JsonProperty("p50_s") Double p50,
            @JsonProperty("p95_s") Double p95) {
    }

    /** The filter the report was made with, echoed so a reader knows what the figures cover. */
    public record Filter(
            @JsonProperty("days") Integer days,
            @JsonProperty("app") String app,
            @JsonProperty("generated_at") String generatedAt) {
    }
}
