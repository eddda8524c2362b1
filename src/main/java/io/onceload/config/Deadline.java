package io.onceload.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a scheduled pipeline's logical date must be complete: a local time on the day after the logical date
 * ({@code 06:00}), or an offset from the date's fire ({@code +8h}).
 */
public sealed interface Deadline {

    /**
     * @param firstFire the date's fire, as the pipeline's schedule computes it
     * @return the instant the date is overdue from, or empty when the schedule does not fire that day
     */
    Optional<Instant> of(LocalDate date, ZoneId zone, Function<LocalDate, Optional<Instant>> firstFire);

    /** {@code HH:mm} on the day after the logical date, in the pipeline's zone. */
    record NextDayAt(LocalTime time) implements Deadline {
        @Override
        public Optional<Instant> of(LocalDate date, ZoneId zone, Function<LocalDate, Optional<Instant>> firstFire) {
            return firstFire.apply(date).map(fire -> date.plusDays(1).atTime(time).atZone(zone).toInstant());
        }
    }

    /** A fixed time after the date's fire. */
    record AfterFire(Duration after) implements Deadline {
        @Override
        public Optional<Instant> of(LocalDate date, ZoneId zone, Function<LocalDate, Optional<Instant>> firstFire) {
            return firstFire.apply(date).map(fire -> fire.plus(after));
        }
    }

    Pattern OFFSET = Pattern.compile("\\+(\\d{1,6})([hms])");
    /** The deadline watch looks back a few days; a later deadline would never be seen. */
    Duration MAX_AFTER = Duration.ofHours(48);

    /** @throws IllegalArgumentException with the forms allowed */
    static Deadline parse(String text) {
        Matcher offset = OFFSET.matcher(text);
        if (offset.matches()) {
            long amount = Long.parseLong(offset.group(1));
            Duration after = switch (offset.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
            if (after.compareTo(MAX_AFTER) > 0) {
                throw new IllegalArgumentException("must be at most +48h after the fire");
            }
            return new AfterFire(after);
        }
        try {
            return new NextDayAt(LocalTime.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a local time HH:mm on the day after the logical date, or an"
                    + " offset from the fire such as +8h, +30m or +90s");
        }
    }
}
