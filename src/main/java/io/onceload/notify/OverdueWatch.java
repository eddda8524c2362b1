package io.onceload.notify;

import io.onceload.config.Deadline;
import io.onceload.config.NotifyEvent;
import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.schedule.CronCalendar;
import io.onceload.task.TaskRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The "where is my data" alert: a scheduled logical date not complete by its {@code deadline} gets one
 * {@code overdue} notification. Only deadlines that pass while this service watches count, so a start after a
 * long stop does not alert on every old owed date.
 */
final class OverdueWatch {

    /** Logical dates looked at before the one of now: a deadline may fall a day or two after its date. */
    private static final int DAYS_BACK = 3;

    private final DataSource dataSource;
    private final PipelineRegistry pipelines;
    private final TaskRunner tasks;
    private final Notifications notifications;
    private final Clock clock;
    private final Instant watchingSince;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    OverdueWatch(DataSource dataSource, PipelineRegistry pipelines, TaskRunner tasks, Notifications notifications,
                 Clock clock) {
        this.dataSource = dataSource;
        this.pipelines = pipelines;
        this.tasks = tasks;
        this.notifications = notifications;
        this.clock = clock;
        this.watchingSince = clock.instant();
    }

    void check() throws SQLException {
        Instant now = clock.instant();
        for (String name : pipelines.names()) {
            PipelineSettings pipeline = pipelines.find(name).orElseThrow();
            Deadline deadline = pipeline.schedule().deadline();
            if (deadline == null || !pipeline.notifications().wants(NotifyEvent.OVERDUE)) {
                continue;
            }
            CronCalendar calendar = new CronCalendar(pipeline.schedule().cron(), pipeline.schedule().zone());
            LocalDate today = calendar.logicalDate(now);
            for (LocalDate date = today.minusDays(DAYS_BACK); !date.isAfter(today); date = date.plusDays(1)) {
                Optional<Instant> due = deadline.of(date, calendar.zone(), calendar::firstFireOn);
                String key = name + " " + date;
                if (due.isEmpty() || !due.get().isAfter(watchingSince) || due.get().isAfter(now)
                        || told.contains(key)) {
                    continue;
                }
                if (tasks.isComplete(pipeline, date)) {
                    told.add(key); // complete by its deadline: nothing to tell, and nothing to read again
                    continue;
                }
                try (Connection connection = dataSource.getConnection()) {
                    notifications.overdue(connection, pipeline, date, due.get());
                }
                told.add(key);
            }
        }
    }
}
