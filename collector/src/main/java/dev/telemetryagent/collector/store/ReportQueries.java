package dev.telemetryagent.collector.store;

import dev.telemetryagent.collector.report.Report;
import dev.telemetryagent.collector.report.ReportFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's aggregates in SQL that DuckDB and PostgreSQL both run: {@code percentile_cont ... WITHIN GROUP},
 * {@code count(DISTINCT ...)}, {@code CASE}. A call is a full event or one of a summary event's {@code count};
 * percentiles cover individually recorded calls only (a summary's {@code elapsed} is null in the CASE).
 */
final class ReportQueries {
    /** How many of the most used events get per-version durations. */
    static final int TOP_EVENTS_BY_VERSION = 5;
    private static final int MAX_ERRORS = 200;

    private static final String CALLS = "CASE WHEN summary THEN COALESCE(call_count, 0) ELSE 1 END";
    private static final String FAILURES = "CASE WHEN summary THEN COALESCE(failure_count, 0) "
            + "WHEN success = false THEN 1 ELSE 0 END";
    private static final String TIMED = "CASE WHEN summary THEN NULL ELSE elapsed END";
    private static final String P50 = "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + TIMED + ")";
    private static final String P95 = "percentile_cont(0.95) WITHIN GROUP (ORDER BY " + TIMED + ")";

    private final Connection connection;
    private final ReportFilter filter;
    private final String where;
    private final List<Object> params = new ArrayList<>();

    ReportQueries(Connection connection, ReportFilter filter) {
        this.connection = connection;
        this.filter = filter;
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (filter.since() != null) {
            w.append(" AND ts >= ?");
            params.add(JdbcEventStore.utc(filter.since()));
        }
        if (filter.app() != null) {
            w.append(" AND app_name = ?");
            params.add(filter.app());
        }
        this.where = w.toString();
    }

    Report run() throws SQLException {
        long events = 0;
        long installs = 0;
        long runs = 0;
        try (PreparedStatement ps = prepare("SELECT count(*), count(DISTINCT anonymous_id), count(DISTINCT run_id) "
                + "FROM events" + where); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                events = rs.getLong(1);
                installs = rs.getLong(2);
                runs = rs.getLong(3);
            }
        }
        List<Report.EventFigures> byEvent = byEvent();
        return new Report(events, installs, runs, byEvent, errors(), versions(),
                new Report.Platforms(namedInstalls("os_name"), namedInstalls("java_version"), ciRuns()),
                daily(), options(), versionDurations(byEvent), environments(),
                new Report.Filter(filter.days(), filter.app(), filter.now().toString()));
    }

    private List<Report.EventFigures> byEvent() throws SQLException {
        List<Report.EventFigures> out = new ArrayList<>();
        try (PreparedStatement ps = prepare("SELECT event, max(category), CAST(sum(" + CALLS + ") AS BIGINT), "
                + "CAST(sum(" + FAILURES + ") AS BIGINT), " + P50 + ", " + P95 + ", count(DISTINCT anonymous_id) "
                + "FROM events" + where + " GROUP BY event ORDER BY 3 DESC, event");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long calls = rs.getLong(3);
                long failures = rs.getLong(4);
                out.add(new Report.EventFigures(rs.getString(1), rs.getString(2), calls, failures,
                        calls == 0 ? 0.0 : (double) failures / calls, doubleOrNull(rs, 5), doubleOrNull(rs, 6),
                        rs.getLong(7)));
            }
        }
        return out;
    }

    private List<Report.ErrorFigures> errors() throws SQLException {
        List<Report.ErrorFigures> out = new ArrayList<>();
        try (PreparedStatement ps = prepare("SELECT event, error_type, error_site, error_fingerprint, "
                + "COALESCE(usage_error, false), count(*) FROM events" + where
                + " AND error_type IS NOT NULL AND NOT summary GROUP BY 1, 2, 3, 4, 5 "
                + "ORDER BY 6 DESC, 1, 2 LIMIT " + MAX_ERRORS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Report.ErrorFigures(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getLong(6)));
            }
        }
        return out;
    }

    private List<Report.VersionFigures> versions() throws SQLException {
        List<Report.VersionFigures> out = new ArrayList<>();
        try (PreparedStatement ps = prepare("SELECT COALESCE(app_version, 'unknown'), CAST(sum(" + CALLS
                + ") AS BIGINT), count(DISTINCT anonymous_id) FROM events" + where
                + " GROUP BY 1 ORDER BY 2 DESC, 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Report.VersionFigures(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }

    private List<Report.NamedInstalls> namedInstalls(String column) throws SQLException {
        List<Report.NamedInstalls> out = new ArrayList<>();
        try (PreparedStatement ps = prepare("SELECT COALESCE(" + column + ", 'unknown'), "
                + "count(DISTINCT anonymous_id) FROM events" + where + " GROUP BY 1 ORDER BY 2 DESC, 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Report.NamedInstalls(rs.getString(1), rs.getLong(2)));
            }
        }
        return out;
    }

    private long ciRuns() throws SQLException {
        try (PreparedStatement ps = prepare("SELECT count(DISTINCT run_id) FROM events" + where + " AND ci_run");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private List<Report.DayFigures> daily() throws SQLException {
        List<Report.DayFigures> out = new ArrayList<>();
        try (PreparedStatement ps = prepare("SELECT CAST(CAST(ts AS DATE) AS " + "VARCHAR(10)), CAST(sum(" + CALLS
                + ") AS BIGINT), count(DISTINCT anonymous_id) FROM events" + where + " GROUP BY 1 ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Report.DayFigures(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }

    private List<Report.OptionFigures> options() throws SQLException {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        try (PreparedStatement ps = prepare("SELECT event, options, count(*) FROM events" + where
                + " AND options IS NOT NULL AND options <> '' GROUP BY 1, 2");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Long> perOption = counts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>());
                // An option given twice in one call counts once for that call.
                for (String option : new java.util.LinkedHashSet<>(List.of(rs.getString(2).split(",")))) {
                    perOption.merge(option, rs.getLong(3), Long::sum);
                }
            }
        }
        List<Report.OptionFigures> out = new ArrayList<>();
        counts.forEach((event, perOption) -> perOption.forEach(
                (option, calls) -> out.add(new Report.OptionFigures(event, option, calls))));
        out.sort((a, b) -> a.event().equals(b.event()) ? Long.compare(b.calls(), a.calls())
                : a.event().compareTo(b.event()));
        return out;
    }

    private List<Report.VersionDurations> versionDurations(List<Report.EventFigures> byEvent) throws SQLException {
        List<Report.EventFigures> top = byEvent.subList(0, Math.min(TOP_EVENTS_BY_VERSION, byEvent.size()));
        List<Report.VersionDurations> out = new ArrayList<>();
        if (top.isEmpty()) {
            return out;
        }
        Object[] names = new Object[top.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = top.get(i).event();
        }
        String in = "?" + ", ?".repeat(names.length - 1);
        try (PreparedStatement ps = prepare("SELECT event, COALESCE(app_version, 'unknown'), count(" + TIMED + "), "
                + P50 + ", " + P95 + " FROM events" + where + " AND event IN (" + in + ") GROUP BY 1, 2", names);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Report.VersionDurations(rs.getString(1), rs.getString(2), rs.getLong(3),
                        doubleOrNull(rs, 4), doubleOrNull(rs, 5)));
            }
        }
        List<String> order = List.of(names).stream().map(String::valueOf).toList();
        out.sort((a, b) -> a.event().equals(b.event()) ? a.version().compareTo(b.version())
                : Integer.compare(order.indexOf(a.event()), order.indexOf(b.event())));
        return out;
    }

    private List<Report.NamedCount> environments() throws SQLException {
        Map<String, Long> runs = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare("SELECT COALESCE(exec_info, ''), count(DISTINCT run_id) FROM events"
                + where + " GROUP BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String kinds = rs.getString(1);
                for (String kind : kinds.isEmpty() ? new String[] {"none"} : kinds.split(",")) {
                    runs.merge(kind, rs.getLong(2), Long::sum);
                }
            }
        }
        List<Report.NamedCount> out = new ArrayList<>();
        runs.forEach((name, count) -> out.add(new Report.NamedCount(name, count)));
        out.sort((a, b) -> a.runs() == b.runs() ? a.name().compareTo(b.name()) : Long.compare(b.runs(), a.runs()));
        return out;
    }

    private PreparedStatement prepare(String sql, Object... extra) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        for (Object p : extra) {
            ps.setObject(i++, p);
        }
        return ps;
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
