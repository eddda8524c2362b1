package io.onceload.load;

import io.onceload.ledger.Counts;
import io.onceload.ledger.Ledger;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunRecord;
import io.onceload.ledger.RunStatus;
import io.onceload.table.LoadSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** The publish step: under the target's advisory lock, claim the ledger, write changed and new rows, record the run. */
final class Publisher {

    private Publisher() {
    }

    /** @return the counts written, or empty when another publisher already claimed this content */
    static Optional<Counts> publish(Connection connection, Staging.Staged staged, RunRecord run) throws SQLException {
        LoadSql sql = staged.sql();
        try (PreparedStatement lock = connection.prepareStatement(sql.lockTarget())) {
            lock.setString(1, sql.lockName());
            lock.execute();
        }
        if (!Ledger.claim(connection, run)) {
            return Optional.empty();
        }
        long updated = 0;
        long inserted;
        try (Statement statement = connection.createStatement()) {
            if (sql.updateChanged() != null) {
                updated = statement.executeUpdate(sql.updateChanged());
            }
            inserted = statement.executeUpdate(sql.insertNew());
        }
        Counts counts = new Counts(staged.rowsRead(), inserted, updated, staged.distinct() - inserted - updated,
                staged.rejected(), staged.duplicates());
        RunHistory.insert(connection, run.finished(run.runId(), RunStatus.PUBLISHED, counts, null, null));
        return Optional.of(counts);
    }
}
