package dev.telemetryagent.collector.store;

import java.time.Instant;

/**
 * One validated event as a row of the store: the fields the report reads, each in its own column, and the
 * event's {@code context} and {@code properties} objects as they came (JSON text), so that nothing of the
 * event's own content is lost and nothing else (no request address, no header) is ever kept.
 */
public record StoredEvent(
        String messageId,
        String event,
        String anonymousId,
        String userId,
        Instant timestamp,
        String appName,
        String appVersion,
        String agentVersion,
        String runId,
        String osName,
        String osVersion,
        String osArch,
        String javaVersion,
        Boolean ciRun,
        Integer cpu,
        String execInfo,
        String category,
        String eventName,
        Double elapsed,
        Boolean success,
        Integer exitCode,
        Boolean usageError,
        String options,
        String errorType,
        String errorRootType,
        String errorSite,
        String errorFingerprint,
        boolean summary,
        Long count,
        Long failures,
        String contextJson,
        String propertiesJson) {
}
