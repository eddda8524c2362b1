package io.onceload.cli;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of onceload.run as the {@code runs} command shows it. */
record RunRow(String runId, String pipeline, LocalDate logicalDate, String trigger, String status, Instant startedAt,
              Instant finishedAt, String file, String sha256, long rowsRead, long inserted, long updated,
              long unchanged, long rejected, long duplicates, long ignored, long deleted, long stale,
              long belowWatermark, String error) {

    /** The columns {@link #from} reads, in the order of its arguments. */
    static final String COLUMNS = "run_id, pipeline, logical_date, trigger, status, started_at, finished_at, file_name,"
            + " sha256, rows_read, inserted, updated, unchanged, rejected, duplicates, ignored, deleted, stale,"
            + " below_watermark, error";

    static RunRow from(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString("run_id"), rs.getString("pipeline"),
                rs.getObject("logical_date", LocalDate.class), rs.getString("trigger"), rs.getString("status"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("file_name"),
                rs.getString("sha256"), rs.getLong("rows_read"), rs.getLong("inserted"), rs.getLong("updated"),
                rs.getLong("unchanged"), rs.getLong("rejected"), rs.getLong("duplicates"), rs.getLong("ignored"),
                rs.getLong("deleted"), rs.getLong("stale"), rs.getLong("below_watermark"), rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        // the driver hands timestamptz back in UTC, so the offset carries no information worth keeping
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** Snake_case fields for JSON Lines; timestamps as ISO-8601 UTC so scripts need no zone handling. */
    Map<String, Object> json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("run_id", runId);
        fields.put("pipeline", pipeline);
        fields.put("logical_date", logicalDate.toString());
        fields.put("trigger", trigger);
        fields.put("status", status);
        fields.put("started_at", startedAt.toString());
        fields.put("finished_at", finishedAt.toString());
        fields.put("file", file);
        fields.put("sha256", sha256);
        fields.put("rows_read", rowsRead);
        fields.put("inserted", inserted);
        fields.put("updated", updated);
        fields.put("unchanged", unchanged);
        fields.put("rejected", rejected);
        fields.put("duplicates", duplicates);
        fields.put("ignored", ignored);
        fields.put("deleted", deleted);
        fields.put("stale", stale);
        fields.put("below_watermark", belowWatermark);
        fields.put("error", error);
        return fields;
    }
}
