package io.onceload.load;

import io.onceload.ledger.RunRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Work that must commit in the same transaction as a file's rows: what the pipeline's tasks will owe, and checks
 * that can still refuse the publish.
 */
public interface PublishHook {

    /** No tasks: nothing to record. */
    PublishHook NONE = new PublishHook() { };

    /**
     * @return columns of the pipeline's table whose touched values (in the file, or the previous value of a row the
     *     load updated or deleted) its tasks need; empty when none
     */
    default List<String> touchedColumns(String pipeline) {
        return List.of();
    }

    /**
     * Called inside the publish transaction after the rows are written and before the commit.
     *
     * @param run the run as it will be recorded, counts included
     * @param touched per column of {@link #touchedColumns}, the distinct touched values as text
     * @throws BadFileException to refuse the publish: the whole transaction rolls back and the file fails
     */
    default void beforeCommit(Connection connection, RunRecord run, Map<String, List<String>> touched)
            throws SQLException {
    }

    /**
     * In the transaction that records a failed run, before its commit.
     *
     * @param check the run failed because a check inside its transaction found violating rows
     */
    default void failed(Connection connection, RunRecord run, boolean check) throws SQLException {
    }

    /** Both hooks, in order. */
    static PublishHook both(PublishHook first, PublishHook second) {
        return new PublishHook() {
            @Override
            public List<String> touchedColumns(String pipeline) {
                return java.util.stream.Stream.concat(first.touchedColumns(pipeline).stream(),
                        second.touchedColumns(pipeline).stream()).distinct().toList();
            }

            @Override
            public void beforeCommit(Connection connection, RunRecord run, Map<String, List<String>> touched)
                    throws SQLException {
                first.beforeCommit(connection, run, touched);
                second.beforeCommit(connection, run, touched);
            }

            @Override
            public void failed(Connection connection, RunRecord run, boolean check) throws SQLException {
                first.failed(connection, run, check);
                second.failed(connection, run, check);
            }
        };
    }
}
