package io.onceload.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The values a task's named parameters are bound to; a name is never spliced into the SQL.
 *
 * @param runId the load the task runs for; null for a clear of a date that has no load
 * @param partitions the slice, as text
 * @param partitionType the element type {@code :partitions} is bound as (the slice column's type), or "text"
 */
record TaskBindings(String pipeline, LocalDate logicalDate, OffsetDateTime intervalStart, OffsetDateTime intervalEnd,
                    UUID runId, List<String> partitions, String partitionType) {

    /** The names a task's SQL may use. */
    static final List<String> NAMES = List.of("logical_date", "data_interval_start", "data_interval_end", "pipeline",
            "run_id", "partitions");

    /** These bindings with the logical date's interval: its midnight to the next, in the pipeline's zone. */
    TaskBindings within(java.time.ZoneId zone) {
        return new TaskBindings(pipeline, logicalDate, logicalDate.atStartOfDay(zone).toOffsetDateTime(),
                logicalDate.plusDays(1).atStartOfDay(zone).toOffsetDateTime(), runId, partitions, partitionType);
    }

    void bind(Connection connection, PreparedStatement statement, List<String> names) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            int index = i + 1;
            switch (names.get(i)) {
                case "logical_date" -> statement.setObject(index, logicalDate);
                case "data_interval_start" -> statement.setObject(index, intervalStart);
                case "data_interval_end" -> statement.setObject(index, intervalEnd);
                case "pipeline" -> statement.setString(index, pipeline);
                case "run_id" -> statement.setObject(index, runId);
                case "partitions" -> statement.setArray(index, connection.createArrayOf(partitionType,
                        partitions.toArray()));
                default -> throw new IllegalStateException("unknown named parameter :" + names.get(i));
            }
        }
    }
}
