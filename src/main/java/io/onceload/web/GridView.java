package io.onceload.web;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.schedule.CronCalendar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The grid: per declared pipeline (and each of its tasks) and logical date in a window, the status of the latest
 * run or attempt and how many there were; a scheduled date that fired without a run is {@code owed}.
 */
final class GridView {

    private static final String RUNS = """
            SELECT pipeline, logical_date, count(*),
                   (array_agg(status ORDER BY finished_at DESC))[1],
                   (array_agg(run_id ORDER BY finished_at DESC))[1]::text
            FROM onceload.run WHERE logical_date BETWEEN ? AND ? GROUP BY 1, 2""";
    private static final String TASKS = """
            SELECT pipeline, task, logical_date, count(*), (array_agg(status ORDER BY attempt DESC))[1]
            FROM onceload.task_run WHERE logical_date BETWEEN ? AND ? GROUP BY 1, 2, 3""";
    private static final String OWED_TASKS = """
            SELECT o.pipeline, t.task, o.logical_date FROM onceload.run_owes o, unnest(o.tasks) AS t(task)
            WHERE o.logical_date BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM onceload.task_run r
                WHERE r.pipeline = o.pipeline AND r.logical_date = o.logical_date AND r.task = t.task
                  AND r.covers >= o.seq)""";

    private final PipelineRegistry registry;
    private final Function<String, List<String>> tasks;
    private final DataSource dataSource;
    private final Clock clock;

    GridView(PipelineRegistry registry, Function<String, List<String>> tasks, DataSource dataSource,
             Clock clock) {
        this.registry = registry;
        this.tasks = tasks;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    Map<String, Object> grid(LocalDate from, LocalDate to) throws SQLException {
        Map<String, Map<String, Map<String, Object>>> cells = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            read(connection, RUNS, from, to, rs -> cells.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                    .put(rs.getString(2), cell(rs.getString(4), rs.getLong(3), rs.getString(5))));
            read(connection, OWED_TASKS, from, to, rs -> cells.computeIfAbsent(rs.getString(1) + "\u0000"
                    + rs.getString(2), k -> new LinkedHashMap<>()).put(rs.getString(3), cell("owed", 0, null)));
            read(connection, TASKS, from, to, rs -> cells.computeIfAbsent(rs.getString(1) + "\u0000"
                    + rs.getString(2), k -> new LinkedHashMap<>()).putIfAbsent(rs.getString(3),
                    cell(rs.getString(5), rs.getLong(4), null)));
        }
        List<Map<String, Object>> instances = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT name, started_at, heartbeat_at, running"
                     + " FROM onceload.instance WHERE heartbeat_at > now() - interval '30 seconds' ORDER BY name")) {
            Rows.each(ps.executeQuery(), rs -> {
                Map<String, Object> instance = new LinkedHashMap<>();
                instance.put("name", rs.getString(1));
                instance.put("started_at", rs.getTimestamp(2).toInstant().toString());
                instance.put("heartbeat_at", rs.getTimestamp(3).toInstant().toString());
                instance.put("running", List.of((String[]) rs.getArray(4).getArray()));
                instances.add(instance);
            });
        }
        List<String> running = instances.stream().flatMap(i -> ((List<?>) i.get("running")).stream())
                .map(Object::toString).toList();
        List<String> dates = new ArrayList<>();
        for (LocalDate d = to; !d.isBefore(from); d = d.minusDays(1)) {
            dates.add(d.toString());
        }
        List<Map<String, Object>> pipelines = new ArrayList<>();
        for (String name : registry.names()) {
            PipelineSettings pipeline = registry.find(name).orElseThrow();
            Map<String, Map<String, Object>> own = new LinkedHashMap<>(cells.getOrDefault(name, Map.of()));
            owedDates(pipeline, from, to).forEach(date -> own.putIfAbsent(date, cell("owed", 0, null)));
            List<Map<String, Object>> taskRows = new ArrayList<>();
            for (String task : tasks.apply(name)) {
                taskRows.add(Map.of("name", task, "cells", cells.getOrDefault(name + "\u0000" + task, Map.of())));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("table", pipeline.table().toString());
            row.put("input", pipeline.pull().isPresent() ? "database" : pipeline.schedule().hasSource() ? "file"
                    : "inbox");
            row.put("schedule", pipeline.schedule().scheduled() ? pipeline.schedule().cron() + " ("
                    + pipeline.schedule().zone().getId() + ")" : null);
            row.put("running", running.contains(name));
            row.put("cells", own);
            row.put("tasks", taskRows);
            pipelines.add(row);
        }
        return Map.of("from", from.toString(), "to", to.toString(), "dates", dates, "pipelines", pipelines,
                "instances", instances);
    }

    /** Dates the schedule fired on (by now) in the window; those without any run show as owed. */
    private List<String> owedDates(PipelineSettings pipeline, LocalDate from, LocalDate to) {
        if (!pipeline.schedule().scheduled()) {
            return List.of();
        }
        CronCalendar calendar = new CronCalendar(pipeline.schedule().cron(), pipeline.schedule().zone());
        return calendar.fireDates(from, to, clock.instant()).stream().map(LocalDate::toString).toList();
    }

    private static Map<String, Object> cell(String status, long count, String runId) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("status", status);
        cell.put("count", count);
        if (runId != null) {
            cell.put("run_id", runId);
        }
        return cell;
    }

    private static void read(Connection connection, String sql, LocalDate from, LocalDate to, Rows.Row row)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            Rows.each(ps.executeQuery(), row);
        }
    }
}
