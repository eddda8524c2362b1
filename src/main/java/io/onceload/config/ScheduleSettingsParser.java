package io.onceload.config;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.quartz.CronExpression;

/** Reads schedule, timezone, source, date-format and catchup, naming the key and value of anything wrong. */
final class ScheduleSettingsParser {

    private ScheduleSettingsParser() {
    }

    /** @param base folder a relative {@code source} is taken from (the project folder) */
    static ScheduleSettings parse(PipelineSettingsParser.Values values, Path base) {
        String cron = values.optional(PipelineParameter.SCHEDULE);
        if (cron != null) {
            try {
                new CronExpression(cron);
            } catch (ParseException e) {
                throw values.invalid(PipelineParameter.SCHEDULE, "must be a Quartz cron expression with seconds,"
                        + " e.g. '0 0 2 * * ?' (" + e.getMessage() + ")");
            }
        }
        ZoneId zone;
        String zoneText = values.text(PipelineParameter.TIMEZONE, "UTC");
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw values.invalid(PipelineParameter.TIMEZONE, "must be a time-zone id such as UTC or Europe/Berlin");
        }
        // Quartz fires by java.util.TimeZone, which reads an id it does not know (+05:00, UTC+5) as GMT: a
        // schedule must not fire in another zone than the one its logical dates are taken in
        if (!java.util.TimeZone.getTimeZone(zoneText).getID().equals(zoneText)) {
            throw values.invalid(PipelineParameter.TIMEZONE, "must be a region id such as UTC or Europe/Berlin"
                    + " (offsets like +05:00 are not understood by the scheduler)");
        }
        DateTimeFormatter format;
        String pattern = values.text(PipelineParameter.DATE_FORMAT, "yyyy-MM-dd");
        try {
            format = DateTimeFormatter.ofPattern(pattern);
            format.format(LocalDate.of(2000, 1, 2));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw values.invalid(PipelineParameter.DATE_FORMAT, "must be a date pattern of y, M and d such as"
                    + " yyyy-MM-dd or yyyyMMdd");
        }
        String source = values.optional(PipelineParameter.SOURCE);
        if (source != null) {
            if (!source.contains(ScheduleSettings.DATE_PLACEHOLDER)) {
                throw values.invalid(PipelineParameter.SOURCE, "must contain " + ScheduleSettings.DATE_PLACEHOLDER
                        + ", e.g. /landing/orders_{date}.csv");
            }
            source = base.resolve(source).normalize().toString();
        }
        String deadlineText = values.optional(PipelineParameter.DEADLINE);
        Deadline deadline = null;
        if (deadlineText != null) {
            if (cron == null) {
                throw values.invalid(PipelineParameter.DEADLINE, "needs a schedule: only a scheduled date is due");
            }
            try {
                deadline = Deadline.parse(deadlineText);
            } catch (IllegalArgumentException e) {
                throw values.invalid(PipelineParameter.DEADLINE, e.getMessage());
            }
        }
        return new ScheduleSettings(cron, zone, source, format, values.flag(PipelineParameter.CATCHUP, true),
                deadline);
    }
}
