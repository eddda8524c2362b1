package io.onceload.run;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Instance;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunHistory.DateRuns;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.load.TransientLoadException;
import io.onceload.schedule.CatchUp;
import io.onceload.schedule.CronCalendar;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs the logical dates a scheduled pipeline still owes, as the run history tells them; callers hold the
 * pipeline's run lock.
 */
final class OwedDates {

    private final DataSource dataSource;
    private final DateRun dateRun;

    OwedDates(DataSource dataSource, DateRun dateRun) {
        this.dataSource = dataSource;
        this.dateRun = dateRun;
    }

    /** @param except a date the caller runs itself (the fire's own), or null */
    List<RunResult> run(PipelineSettings pipeline, CronCalendar calendar, Instant now, LocalDate except) {
        Map<LocalDate, DateRuns> history;
        Optional<LocalDate> first;
        Instant newestStart;
        try (Connection connection = dataSource.getConnection()) {
            newestStart = Instance.newestStart(connection);
            // bounded like a backfill: a schedule re-enabled after years does not owe every day since
            LocalDate horizon = calendar.logicalDate(now).minusDays(BackfillRange.MAX_DAYS);
            first = RunHistory.firstScheduled(connection, pipeline.name())
                    .map(date -> date.isBefore(horizon) ? horizon : date);
            history = first.isPresent() ? RunHistory.dates(connection, pipeline.name(), first.get()) : Map.of();
        } catch (SQLException e) {
            throw new TransientLoadException(pipeline.name() + ": cannot read the run history: " + e.getMessage(), e);
        }
        List<LocalDate> due = new ArrayList<>(CatchUp.due(calendar, first, history, now,
                pipeline.schedule().catchup()));
        due.remove(except);
        if (!pipeline.schedule().hasSource() && due.size() > 1) {
            // an inbox cannot tell which day a waiting file belongs to: one run, under the latest missed date
            due = List.of(due.get(due.size() - 1));
        }
        List<RunResult> results = new ArrayList<>();
        for (LocalDate date : due) {
            DateRuns runs = history.get(date);
            if (runs != null && pipeline.schedule().hasSource() && dateRun.unchangedSinceFailure(pipeline, date,
                    runs, newestStart)) {
                continue; // the same bad file again would only fail again; a corrected one is retried
            }
            boolean triedBefore = runs != null && runs.latest() == RunStatus.MISSING_INPUT;
            results.addAll(dateRun.run(pipeline, date, Trigger.SCHEDULE, !triedBefore));
        }
        return results;
    }
}
