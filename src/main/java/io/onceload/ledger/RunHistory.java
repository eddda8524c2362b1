package io.onceload.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Writes and reads run records; a published run's record is written inside its publish transaction. */
public final class RunHistory {

    private static final String INSERT = """
            INSERT INTO onceload.run (run_id, pipeline, trigger, logical_date, status, target_table, file_name,
                sha256, size_bytes, rows_read, inserted, updated, unchanged, rejected, duplicates, of_run_id,
                error, started_at, finished_at, ignored, deleted, stale, below_watermark, instance, scheduled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String SELECT = """
            SELECT run_id, pipeline, trigger, logical_date, status, target_table, file_name, sha256, size_bytes,
                   rows_read, inserted, updated, unchanged, rejected, duplicates, ignored, deleted, stale,
                   below_watermark, of_run_id, error, started_at, finished_at, instance, scheduled_at
            FROM onceload.run""";

    private static final String LATEST = SELECT + " WHERE pipeline = ? ORDER BY finished_at DESC, started_at DESC"
            + " LIMIT 1";

    /** run_id breaks ties so two runs started in the same microsecond still come out in a stable order. */
    private static final String NEWEST = " ORDER BY started_at DESC, run_id DESC LIMIT ?";

    private static final String PIPELINES = "SELECT pipeline FROM onceload.run GROUP BY pipeline ORDER BY pipeline"
            + " LIMIT ?";

    private static final String DATES = """
            SELECT logical_date,
                   bool_or(status IN ('published', 'skipped', 'no-input')) AS complete,
                   (array_agg(status ORDER BY finished_at DESC))[1] AS latest,
                   (array_agg(sha256 ORDER BY finished_at DESC))[1] AS latest_sha256,
                   max(finished_at) AS latest_at
            FROM onceload.run WHERE pipeline = ? AND logical_date >= ? GROUP BY logical_date""";

    private static final String FIRST_SCHEDULED = """
            SELECT min(logical_date) FROM onceload.run WHERE pipeline = ? AND trigger = 'schedule'""";

    /**
     * What the history says about one logical date of a pipeline.
     *
     * @param latestSha256 content of the latest run's file, if it read one
     * @param latestAt when the latest run finished
     */
    public record DateRuns(boolean complete, RunStatus latest, String latestSha256, Instant latestAt) {
    }

    private RunHistory() {
    }

    /** The pipeline's most recently finished run. */
    public static Optional<RunRecord> latest(Connection connection, String pipeline) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LATEST)) {
            ps.setString(1, pipeline);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The most recently started runs, newest first.
     *
     * @param pipeline null for every pipeline
     */
    public static List<RunRecord> newest(Connection connection, String pipeline, int limit) throws SQLException {
        return find(connection, pipeline, null, null, limit);
    }

    /** Pipeline names with at least one run, alphabetically, at most {@code limit} of them. */
    public static List<String> pipelines(Connection connection, int limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(PIPELINES)) {
            ps.setInt(1, limit);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    /** Every logical date from {@code from} on that has runs, with whether one of them completed it. */
    public static Map<LocalDate, DateRuns> dates(Connection connection, String pipeline, LocalDate from)
            throws SQLException {
        Map<LocalDate, DateRuns> dates = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(DATES)) {
            ps.setString(1, pipeline);
            ps.setObject(2, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dates.put(rs.getObject(1, LocalDate.class),
                            new DateRuns(rs.getBoolean(2), RunStatus.of(rs.getString(3)), rs.getString(4),
                                    rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return dates;
    }

    /**
     * Runs of a pipeline (or all) whose logical date is in [from, to] (either end open when null), newest first.
     */
    public static List<RunRecord> find(Connection connection, String pipeline, LocalDate from, LocalDate to,
                                       int limit) throws SQLException {
        // only the filters given, so each query keeps a plan that can use the (pipeline, started_at) index
        List<Object> values = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (Object[] filter : new Object[][] {{"pipeline = ?", pipeline}, {"logical_date >= ?", from},
                {"logical_date <= ?", to}}) {
            if (filter[1] != null) {
                where.add((String) filter[0]);
                values.add(filter[1]);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(SELECT + (where.isEmpty() ? ""
                : " WHERE " + String.join(" AND ", where)) + NEWEST)) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setInt(i, limit);
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs));
                }
            }
            return runs;
        }
    }

    public static Optional<RunRecord> byId(Connection connection, UUID runId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SELECT + " WHERE run_id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The checksum of the content most recently published (or found published) for this pipeline and date. */
    public static Optional<String> latestContent(Connection connection, String pipeline, LocalDate date)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT sha256 FROM onceload.run WHERE pipeline = ?"
                + " AND logical_date = ? AND status IN ('published', 'skipped') AND sha256 IS NOT NULL"
                + " ORDER BY finished_at DESC LIMIT 1")) {
            ps.setString(1, pipeline);
            ps.setObject(2, date);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The logical date of the pipeline's first scheduled run: catch-up never reaches before it. */
    public static Optional<LocalDate> firstScheduled(Connection connection, String pipeline) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(FIRST_SCHEDULED)) {
            ps.setString(1, pipeline);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, LocalDate.class));
            }
        }
    }

    private static RunRecord read(ResultSet rs) throws SQLException {
        Counts counts = new Counts(rs.getLong("rows_read"), rs.getLong("inserted"), rs.getLong("updated"),
                rs.getLong("unchanged"), rs.getLong("rejected"), rs.getLong("duplicates"), rs.getLong("ignored"),
                rs.getLong("deleted"), rs.getLong("stale"), rs.getLong("below_watermark"));
        return new RunRecord(rs.getObject("run_id", UUID.class), rs.getString("pipeline"),
                Trigger.valueOf(rs.getString("trigger").toUpperCase(java.util.Locale.ROOT)),
                rs.getObject("logical_date", LocalDate.class), RunStatus.of(rs.getString("status")),
                rs.getString("target_table"), rs.getString("file_name"), rs.getString("sha256"),
                rs.getLong("size_bytes"), counts, rs.getObject("of_run_id", UUID.class), rs.getString("error"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
                rs.getString("instance"), Optional.ofNullable(rs.getTimestamp("scheduled_at"))
                        .map(Timestamp::toInstant).orElse(null));
    }

    public static void insert(Connection connection, RunRecord run) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            Counts c = run.counts();
            ps.setObject(1, run.runId());
            ps.setString(2, run.pipeline());
            ps.setString(3, run.trigger().dbValue());
            ps.setObject(4, run.logicalDate());
            ps.setString(5, run.status().dbValue());
            ps.setString(6, run.targetTable());
            ps.setString(7, run.fileName());
            ps.setString(8, run.sha256());
            ps.setLong(9, run.sizeBytes());
            ps.setLong(10, c.rowsRead());
            ps.setLong(11, c.inserted());
            ps.setLong(12, c.updated());
            ps.setLong(13, c.unchanged());
            ps.setLong(14, c.rejected());
            ps.setLong(15, c.duplicates());
            ps.setObject(16, run.ofRunId());
            ps.setString(17, run.error());
            ps.setTimestamp(18, Timestamp.from(run.startedAt()));
            ps.setTimestamp(19, Timestamp.from(run.finishedAt()));
            ps.setLong(20, c.ignored());
            ps.setLong(21, c.deleted());
            ps.setLong(22, c.stale());
            ps.setLong(23, c.belowWatermark());
            ps.setString(24, run.instance());
            ps.setTimestamp(25, run.scheduledAt() == null ? null : Timestamp.from(run.scheduledAt()));
            ps.executeUpdate();
        }
    }
}
