package io.onceload.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A pipeline's cron schedule read as a calendar of logical dates: a fire time's date in the schedule's zone is
 * the logical date it runs. Uses Quartz's own cron evaluation, so it agrees with the trigger that fires.
 */
public final class CronCalendar {

    private final CronExpression cron;
    private final ZoneId zone;

    public CronCalendar(String expression, ZoneId zone) {
        try {
            this.cron = new CronExpression(expression);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a cron expression: " + expression, e);
        }
        this.cron.setTimeZone(TimeZone.getTimeZone(zone));
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate logicalDate(Instant fireTime) {
        return fireTime.atZone(zone).toLocalDate();
    }

    /** Whether the schedule fires at exactly this instant (a late, misfired trigger time does not). */
    public boolean isFireTime(Instant instant) {
        return instant.getNano() == 0 && cron.isSatisfiedBy(Date.from(instant));
    }

    public Optional<Instant> nextFire(Instant after) {
        return Optional.ofNullable(cron.getNextValidTimeAfter(Date.from(after))).map(Date::toInstant);
    }

    /** The first fire on {@code date}, if the schedule fires that day at all. */
    public Optional<Instant> firstFireOn(LocalDate date) {
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant nextDay = date.plusDays(1).atStartOfDay(zone).toInstant();
        return nextFire(dayStart.minusMillis(1)).filter(fire -> fire.isBefore(nextDay));
    }

    /** Dates in [from, to] on which the schedule fires, with that fire no later than {@code notAfter}; in order. */
    public List<LocalDate> fireDates(LocalDate from, LocalDate to, Instant notAfter) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            Optional<Instant> fire = firstFireOn(date);
            if (fire.isPresent() && !fire.get().isAfter(notAfter)) {
                dates.add(date);
            }
        }
        return dates;
    }
}
