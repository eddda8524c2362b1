package io.onceload.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Writes run records; a published run's record is written inside its publish transaction. */
public final class RunHistory {

    private static final String INSERT = """
            INSERT INTO onceload.run (run_id, pipeline, trigger, logical_date, status, target_table, file_name,
                sha256, size_bytes, rows_read, inserted, updated, unchanged, rejected, duplicates, of_run_id,
                error, started_at, finished_at, ignored, deleted, stale, below_watermark)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private RunHistory() {
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
            ps.executeUpdate();
        }
    }
}
