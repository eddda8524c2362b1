package io.onceload.schedule;

import io.onceload.ledger.RunHistory.DateRuns;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which logical dates a scheduled pipeline still owes, derived from its run history rather than from Quartz
 * (which collapses misfires into one fire): every date since its first scheduled run on which the schedule
 * fired and that has no completing run, oldest first. A date whose input stays missing is owed until it comes.
 */
public final class CatchUp {

    private CatchUp() {
    }

    /**
     * @param firstScheduled logical date of the pipeline's first scheduled run; empty when it never ran
     * @param history the pipeline's runs per logical date from {@code firstScheduled} on
     * @param now dates whose fire time is after this are not due yet
     * @param catchup {@code false}: only the latest due date
     */
    public static List<LocalDate> due(CronCalendar calendar, Optional<LocalDate> firstScheduled,
                                      Map<LocalDate, DateRuns> history, Instant now, boolean catchup) {
        if (firstScheduled.isEmpty()) {
            return List.of();
        }
        LocalDate today = calendar.logicalDate(now);
        List<LocalDate> fired = calendar.fireDates(firstScheduled.get(), today, now);
        if (!catchup) {
            fired = fired.isEmpty() ? fired : fired.subList(fired.size() - 1, fired.size());
        }
        return fired.stream().filter(date -> {
            DateRuns runs = history.get(date);
            return runs == null || !runs.complete();
        }).toList();
    }
}
