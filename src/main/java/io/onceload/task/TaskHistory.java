package io.onceload.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.ledger.Trigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** {@code onceload.run_owes} and {@code onceload.task_run}: what loads owe their tasks, and every task attempt. */
public final class TaskHistory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "task_run_id, pipeline, logical_date, task, attempt, run_id, trigger, status,"
            + " inserted, updated, deleted, unchanged, error, started_at, finished_at, covers";

    /**
     * A published load's debt to its tasks.
     *
     * @param partitions per column of the loaded table, the values it touched
     * @param seq publish order
     */
    record Owed(UUID runId, LocalDate logicalDate, List<String> tasks, Map<String, List<String>> partitions,
                long seq) {
    }

    private TaskHistory() {
    }

    /** Inside the publish transaction: the load owes these tasks for what it touched; returns its seq. */
    static long owe(Connection connection, UUID runId, String pipeline, LocalDate date, List<String> tasks,
                    Map<String, List<String>> partitions) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO onceload.run_owes (run_id, pipeline,"
                + " logical_date, tasks, partitions) VALUES (?, ?, ?, ?, ?::jsonb) RETURNING seq")) {
            ps.setObject(1, runId);
            ps.setString(2, pipeline);
            ps.setObject(3, date);
            ps.setArray(4, connection.createArrayOf("text", tasks.toArray()));
            ps.setString(5, JSON.writeValueAsString(partitions));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Owed> owed(Connection connection, String pipeline, LocalDate from, LocalDate to) throws SQLException {
        List<Owed> owed = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT run_id, logical_date, tasks, partitions::text,"
                + " seq FROM onceload.run_owes WHERE pipeline = ? AND logical_date BETWEEN ? AND ?"
                + " ORDER BY logical_date, seq")) {
            ps.setString(1, pipeline);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owed.add(new Owed(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                            Arrays.asList((String[]) rs.getArray(3).getArray()),
                            JSON.readValue(rs.getString(4), new TypeReference<Map<String, List<String>>>() { }),
                            rs.getLong(5)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable run_owes.partitions: " + e.getMessage(), e);
        }
        return owed;
    }

    /** The next attempt number of a task on a date. */
    static int nextAttempt(Connection connection, String pipeline, LocalDate date, String task) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT coalesce(max(attempt), 0) + 1 FROM"
                + " onceload.task_run WHERE pipeline = ? AND logical_date = ? AND task = ?")) {
            ps.setString(1, pipeline);
            ps.setObject(2, date);
            ps.setString(3, task);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The loads' debts and the task attempts of dates in [from, to], by date. */
    static void read(DataSource dataSource, String pipeline, LocalDate from, LocalDate to,
                     Map<LocalDate, List<Owed>> loads, Map<LocalDate, List<TaskRecord>> attempts) {
        try (Connection connection = dataSource.getConnection()) {
            for (Owed owed : owed(connection, pipeline, from, to)) {
                loads.computeIfAbsent(owed.logicalDate(), d -> new ArrayList<>()).add(owed);
            }
            for (TaskRecord record : attempts(connection, pipeline, from, to)) {
                attempts.computeIfAbsent(record.logicalDate(), d -> new ArrayList<>()).add(record);
            }
        } catch (SQLException e) {
            throw new io.onceload.load.TransientLoadException(pipeline + ": cannot read what its tasks owe: "
                    + e.getMessage(), e);
        }
    }

    /** Every attempt of the pipeline's tasks on dates in [from, to], oldest first. */
    public static List<TaskRecord> attempts(Connection connection, String pipeline, LocalDate from, LocalDate to)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM onceload.task_run"
                + " WHERE pipeline = ? AND logical_date BETWEEN ? AND ? ORDER BY logical_date, task, attempt")) {
            ps.setString(1, pipeline);
            ps.setObject(2, from);
            ps.setObject(3, to);
            return read(ps);
        }
    }

    /** The attempts recorded for these loads, oldest first. */
    public static List<TaskRecord> forRuns(Connection connection, List<UUID> runIds) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM onceload.task_run"
                + " WHERE run_id = ANY(?) ORDER BY logical_date, started_at, attempt")) {
            ps.setArray(1, connection.createArrayOf("uuid", runIds.toArray()));
            return read(ps);
        }
    }

    static void insert(Connection connection, TaskRecord record) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO onceload.task_run (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, record.taskRunId());
            ps.setString(2, record.pipeline());
            ps.setObject(3, record.logicalDate());
            ps.setString(4, record.task());
            ps.setInt(5, record.attempt());
            ps.setObject(6, record.runId());
            ps.setString(7, record.trigger().dbValue());
            ps.setString(8, record.status());
            ps.setLong(9, record.counts().inserted());
            ps.setLong(10, record.counts().updated());
            ps.setLong(11, record.counts().deleted());
            ps.setLong(12, record.counts().unchanged());
            ps.setString(13, record.error());
            ps.setTimestamp(14, Timestamp.from(record.startedAt()));
            ps.setTimestamp(15, Timestamp.from(record.finishedAt()));
            ps.setLong(16, record.covers());
            ps.executeUpdate();
        }
    }

    private static List<TaskRecord> read(PreparedStatement ps) throws SQLException {
        List<TaskRecord> records = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                records.add(new TaskRecord(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getString(4), rs.getInt(5), rs.getObject(6, UUID.class),
                        Trigger.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)), rs.getString(8),
                        new TaskCounts(rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12)),
                        rs.getString(13), rs.getTimestamp(14).toInstant(), rs.getTimestamp(15).toInstant(),
                        rs.getLong(16)));
            }
        }
        return records;
    }
}
