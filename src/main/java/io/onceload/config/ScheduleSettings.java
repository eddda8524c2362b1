package io.onceload.config;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * When a pipeline runs on its own and where a run finds its input.
 *
 * @param cron Quartz cron expression, or {@code null} when the pipeline only runs on files and manual triggers
 * @param zone the zone in which a fire time becomes a logical date
 * @param source path pattern with {@code {date}} for the day's file, loaded in place; {@code null} means a run
 *     reads the inbox
 * @param dateFormat how {@code {date}} is spelled in {@code source}
 * @param catchup after downtime, run every missed logical date ({@code true}) or only the latest
 */
public record ScheduleSettings(String cron, ZoneId zone, String source, DateTimeFormatter dateFormat,
                               boolean catchup, Deadline deadline) {

    public static final String DATE_PLACEHOLDER = "{date}";

    public boolean scheduled() {
        return cron != null;
    }

    public boolean hasSource() {
        return source != null;
    }

    /** The day's source file; only meaningful with {@link #hasSource()}. */
    public Path sourceFile(LocalDate logicalDate) {
        return Path.of(source.replace(DATE_PLACEHOLDER, dateFormat.format(logicalDate)));
    }
}
