package io.onceload.run;

import io.onceload.config.PipelineSettings;
import io.onceload.schedule.CronCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The logical dates a backfill runs: every date in the range, or only the schedule's dates when it has one. */
final class BackfillRange {

    static final long MAX_DAYS = 3660;

    private BackfillRange() {
    }

    static List<LocalDate> dates(PipelineSettings pipeline, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill of '" + pipeline.name() + "': to must be on or after from,"
                    + " was from " + from + " to " + to);
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException("backfill of '" + pipeline.name() + "': at most " + MAX_DAYS
                    + " days at once, was " + days);
        }
        if (!pipeline.schedule().scheduled()) {
            return from.datesUntil(to.plusDays(1)).toList();
        }
        return new CronCalendar(pipeline.schedule().cron(), pipeline.schedule().zone())
                .fireDates(from, to, Instant.MAX);
    }
}
