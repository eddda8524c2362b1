package io.onceload.load;

import io.onceload.config.LoadMode;
import io.onceload.config.LoadRules;
import io.onceload.ledger.Counts;
import io.onceload.ledger.Ledger;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunRecord;
import io.onceload.ledger.RunStatus;
import io.onceload.table.LoadSql;
import io.onceload.table.TargetTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The publish step, inside the load's one transaction: under the target's advisory lock, claim the ledger, apply
 * the watermark, write what the mode asks for (and nothing that did not change), move the watermark, verify,
 * record the run.
 */
final class Publisher {

    private Publisher() {
    }

    /** @return the counts written, or empty when another publisher already claimed this content */
    static Optional<Counts> publish(Connection connection, Staging.Staged staged, RunRecord run, LoadRules rules,
                                   TargetTable table, Path file) throws SQLException {
        LoadSql sql = staged.sql();
        try (PreparedStatement lock = connection.prepareStatement(sql.lockTarget())) {
            lock.setString(1, sql.lockName());
            lock.execute();
        }
        if (!Ledger.claim(connection, run)) {
            return Optional.empty();
        }
        long below = sql.dropBelowWatermark() == null ? 0 : update(connection, sql.dropBelowWatermark(), run.pipeline());
        long rows = staged.distinct() - below;
        long deleted = 0;
        long updated = 0;
        long stale = 0;
        try (Statement statement = connection.createStatement()) {
            if (rules.mode() == LoadMode.REPLACE || rules.mode() == LoadMode.REPLACE_PARTITIONS) {
                deleted = statement.executeUpdate(sql.deleteAbsent());
            }
            if (rules.mode() != LoadMode.INSERT_ONLY && sql.updateChanged() != null) {
                updated = statement.executeUpdate(sql.updateChanged());
                if (rules.versionColumn() != null) {
                    stale = count(statement, sql.countStale());
                }
            }
            long inserted = statement.executeUpdate(sql.insertNew());
            long ignored = rules.mode() == LoadMode.INSERT_ONLY ? rows - inserted : 0;
            if (rules.watermarkColumn() != null) {
                update(connection, sql.advanceWatermark(), run.pipeline(), rules.watermarkColumn(), run.runId());
            }
            if (rules.postVerify()) {
                verify(statement, sql, table, file);
            }
            Counts counts = new Counts(staged.rowsRead(), inserted, updated, rows - inserted - updated - stale - ignored,
                    staged.rejected(), staged.duplicates(), ignored, deleted, stale, below);
            RunHistory.insert(connection, run.finished(run.runId(), RunStatus.PUBLISHED, counts, null, null));
            return Optional.of(counts);
        }
    }

    /** Before commit: the key is unique in the target and every published key is there; else roll back. */
    private static void verify(Statement statement, LoadSql sql, TargetTable table, Path file) throws SQLException {
        long missing = count(statement, sql.countMissingKeys());
        long duplicated = table.keyEnforced() ? 0 : count(statement, sql.countDuplicateKeys());
        if (missing != 0 || duplicated != 0) {
            throw new BadFileException(file, "post-verify failed, nothing was published: " + missing
                    + " staged keys missing from " + table.name() + " after publish, " + duplicated
                    + " key values occurring more than once in it (its key is not enforced by a unique index)");
        }
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }
}
