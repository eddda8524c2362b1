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
        try {
            zone = ZoneId.of(values.text(PipelineParameter.TIMEZONE, "UTC"));
        } catch (DateTimeException e) {
            throw values.invalid(PipelineParameter.TIMEZONE, "must be a time-zone id such as UTC or Europe/Berlin");
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
        return new ScheduleSettings(cron, zone, source, format, values.flag(PipelineParameter.CATCHUP, true));
    }
}
