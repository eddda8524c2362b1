package io.onceload.task;

import java.sql.Connection;
import java.sql.SQLException;

/** Work that commits with a failed task's record, such as the notification of the failure. */
public interface TaskOutcomes {

    /** Nothing to add. */
    TaskOutcomes NONE = (connection, record, check) -> { };

    /**
     * Called in the transaction that records the failed attempt, before its commit.
     *
     * @param check whether the task is a check that found violating rows (rather than a task that broke)
     */
    void failed(Connection connection, TaskRecord record, boolean check) throws SQLException;

    /**
     * Called in the transaction that records a succeeded attempt, before its commit.
     *
     * @param completesDate whether, with this attempt, every task the date's loads owe has succeeded
     */
    default void succeeded(Connection connection, TaskRecord record, boolean completesDate) throws SQLException {
    }
}
