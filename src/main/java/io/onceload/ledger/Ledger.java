package io.onceload.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** The file ledger: which content (pipeline, SHA-256) has been published, and by which run. */
public final class Ledger {

    private Ledger() {
    }

    public static Optional<UUID> publishedRun(Connection connection, String pipeline, String sha256)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT run_id FROM onceload.file_ledger WHERE pipeline = ? AND sha256 = ?")) {
            ps.setString(1, pipeline);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /**
     * Records the content as published, inside the caller's publish transaction.
     *
     * @return false when another publisher recorded it first: the answer "already loaded", not an error
     */
    public static boolean claim(Connection connection, RunRecord run) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO onceload.file_ledger (pipeline, sha256, run_id, file_name, size_bytes, target_table)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pipeline, sha256) DO NOTHING""")) {
            ps.setString(1, run.pipeline());
            ps.setString(2, run.sha256());
            ps.setObject(3, run.runId());
            ps.setString(4, run.fileName());
            ps.setLong(5, run.sizeBytes());
            ps.setString(6, run.targetTable());
            return ps.executeUpdate() == 1;
        }
    }
}
