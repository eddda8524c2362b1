package io.onceload.web;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.ledger.RunHistory;
import io.onceload.schedule.CatchUp;
import io.onceload.schedule.CronCalendar;
import io.onceload.web.Metrics.MetricsSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Reads the metrics' snapshot: a few aggregates over the run history and the outbox, for declared pipelines. */
final class MetricsQuery implements Supplier<MetricsSnapshot> {

    /** The statuses that say a date's data is as fresh as the run: its last_complete time. */
    private static final java.util.Set<String> FRESH = java.util.Set.of("published", "skipped", "no-input");

    /** How far back owed dates are counted: a month is what an alert is about. */
    static final int OWED_DAYS = 31;

    private final DataSource dataSource;
    private final PipelineRegistry registry;
    private final Clock clock;

    MetricsQuery(DataSource dataSource, PipelineRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public MetricsSnapshot get() {
        List<String> declared = registry.names();
        Map<List<String>, Long> runs = new HashMap<>();
        Map<List<String>, Long> rows = new HashMap<>();
        Map<String, long[]> loads = new HashMap<>();
        Map<String, Double> fresh = new HashMap<>();
        Map<String, Integer> owed = new HashMap<>();
        Map<String, Long> outbox = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            // one pass over the run history: counts per status, and the sums the published runs need
            each(st, "SELECT pipeline, status, count(*), sum(inserted), sum(updated), sum(unchanged), sum(deleted),"
                    + " sum(rejected), sum(extract(epoch FROM finished_at - started_at) * 1000)::bigint,"
                    + " extract(epoch FROM max(finished_at)) FROM onceload.run GROUP BY 1, 2", rs -> {
                        String pipeline = rs.getString(1);
                        String status = rs.getString(2);
                        if (!declared.contains(pipeline)) {
                            return;
                        }
                        runs.put(List.of(pipeline, status), rs.getLong(3));
                        if (status.equals("published")) {
                            for (int k = 0; k < Metrics.ROW_KINDS.size(); k++) {
                                rows.put(List.of(pipeline, Metrics.ROW_KINDS.get(k)), rs.getLong(4 + k));
                            }
                            loads.put(pipeline, new long[] {rs.getLong(3), rs.getLong(9)});
                        }
                        if (FRESH.contains(status)) {
                            fresh.merge(pipeline, rs.getDouble(10), Math::max);
                        }
                    });
            each(st, "SELECT status, count(*) FROM onceload.outbox WHERE status IN ('pending', 'dead') GROUP BY 1",
                    rs -> outbox.put(rs.getString(1), rs.getLong(2)));
            for (String name : declared) {
                PipelineSettings pipeline = registry.find(name).orElseThrow();
                if (pipeline.schedule().scheduled()) {
                    owed.put(name, owed(connection, pipeline));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metrics not read: " + e.getMessage(), e);
        }
        return new MetricsSnapshot(runs, rows, loads, fresh, owed, outbox);
    }

    private int owed(Connection connection, PipelineSettings pipeline) throws SQLException {
        CronCalendar calendar = new CronCalendar(pipeline.schedule().cron(), pipeline.schedule().zone());
        LocalDate from = calendar.logicalDate(clock.instant()).minusDays(OWED_DAYS);
        Optional<LocalDate> first = RunHistory.firstScheduled(connection, pipeline.name())
                .map(d -> d.isBefore(from) ? from : d);
        return first.isEmpty() ? 0 : CatchUp.due(calendar, first, RunHistory.dates(connection, pipeline.name(),
                first.get()), clock.instant(), true).size();
    }

    private static void each(Statement st, String sql, Rows.Row row) throws SQLException {
        Rows.each(st.executeQuery(sql), row);
    }
}
