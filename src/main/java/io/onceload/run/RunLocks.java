package io.onceload.run;

import io.onceload.load.TransientLoadException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One run at a time per pipeline, across every service on the database: a fair lock in this process, then a
 * PostgreSQL session advisory lock held on a connection of its own for the run. A trigger on one instance waits
 * for the run on another; a process that dies releases its lock with its session.
 */
final class RunLocks {

    private final DataSource dataSource;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    RunLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The pipelines this process is running now, sorted. */
    List<String> running() {
        return running.stream().sorted().toList();
    }

    <T> T locked(String name, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock(true));
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the running " + name + " run", e);
        }
        try (Connection session = dataSource.getConnection()) {
            advisory(session, "SELECT pg_advisory_lock(hashtextextended(?, 0))", name);
            running.add(name);
            try {
                return work.get();
            } finally {
                running.remove(name);
                unlock(session, name);
            }
        } catch (SQLException e) {
            throw new TransientLoadException(name + ": cannot take the pipeline's run lock in the database: "
                    + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** A session the database lost (an outage during the run) has released the lock already. */
    private static void unlock(Connection session, String name) {
        try {
            advisory(session, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", name);
        } catch (SQLException e) {
            // the lock went with the session
        }
    }

    private static void advisory(Connection session, String sql, String name) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setString(1, "onceload:pipeline:" + name);
            statement.execute();
        }
    }
}
