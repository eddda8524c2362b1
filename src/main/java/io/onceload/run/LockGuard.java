package io.onceload.run;

import io.onceload.ledger.RunRecord;
import io.onceload.load.PublishHook;
import io.onceload.load.TransientLoadException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Keeps a publish under its pipeline's lock when the run's lock session is gone (the database restarted during
 * the run, and PostgreSQL released the lock with the session): the publish transaction takes the lock again for
 * itself, or, when another instance holds it now, is refused as transient and retried.
 */
public final class LockGuard implements PublishHook {

    @Override
    public void beforeCommit(Connection connection, RunRecord run, Map<String, List<String>> touched)
            throws SQLException {
        Integer holder = RunLocks.heldBy();
        if (holder == null || held(connection, holder)) {
            return; // a CLI load of a file (no run lock to lose), or the run's session still holds it
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "onceload:pipeline:" + run.pipeline());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new TransientLoadException(run.pipeline() + ": the run lost its pipeline lock (the database"
                            + " restarted) and another instance holds it now; " + run.fileName() + " waits", null);
                }
            }
        }
    }

    private static boolean held(Connection connection, int pid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks"
                + " WHERE locktype = 'advisory' AND pid = ? AND granted)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
