package io.onceload.run;

import io.onceload.load.TransientLoadException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * for the run on another, polling without holding a connection; a process that dies releases its lock with its
 * session.
 */
final class RunLocks {

    private static final long POLL_MS = 500;
    /** The lock session of the run on this thread, so its publish can check the lock is still held. */
    private static final ThreadLocal<Integer> HELD_BY = new ThreadLocal<>();

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

    /** The backend pid of the lock session of the run on this thread, or null outside a run. */
    static Integer heldBy() {
        return HELD_BY.get();
    }

    /**
     * Runs the work only if the pipeline is free now, here and on every other instance; never waits.
     *
     * @return whether it ran
     */
    boolean ifFree(String name, Runnable work) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock(true));
        if (!lock.tryLock()) {
            return false;
        }
        try (Connection session = dataSource.getConnection()) {
            Integer pid = tryLock(session, name);
            if (pid == null) {
                return false;
            }
            holding(session, name, pid, () -> {
                work.run();
                return null;
            });
            return true;
        } catch (SQLException e) {
            throw new TransientLoadException(name + ": cannot take the pipeline's run lock in the database: "
                    + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    <T> T locked(String name, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock(true));
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the running " + name + " run", e);
        }
        try {
            while (true) {
                try (Connection session = dataSource.getConnection()) {
                    Integer pid = tryLock(session, name);
                    if (pid != null) {
                        return holding(session, name, pid, work);
                    }
                } catch (SQLException e) {
                    throw new TransientLoadException(name + ": cannot take the pipeline's run lock in the database: "
                            + e.getMessage(), e);
                }
                // another instance runs the pipeline: wait without holding a connection, and stay interruptible
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another instance's " + name + " run", e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T holding(Connection session, String name, int pid, Supplier<T> work) throws SQLException {
        running.add(name);
        HELD_BY.set(pid);
        try {
            return work.get();
        } finally {
            HELD_BY.remove();
            running.remove(name);
            try (PreparedStatement unlock = session.prepareStatement(
                    "SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                unlock.setString(1, key(name));
                unlock.execute();
            } catch (SQLException e) {
                // the session is gone, and its lock with it; a live one must not go back to the pool locked
                session.abort(Runnable::run);
            }
        }
    }

    /** @return the session's backend pid when it got the lock, else null */
    private static Integer tryLock(Connection session, String name) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement(
                "SELECT pg_try_advisory_lock(hashtextextended(?, 0)), pg_backend_pid()")) {
            ps.setString(1, key(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? rs.getInt(2) : null;
            }
        }
    }

    private static String key(String name) {
        return "onceload:pipeline:" + name;
    }
}
