package io.onceload.task;

import io.onceload.config.Keyed;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** What a task does with its SQL; each kind is one transaction with the task's record. */
enum TaskKind implements Keyed {
    /** A SELECT whose rows replace one slice of a table, through a guarded publish that rewrites nothing equal. */
    SLICE {
        @Override
        TaskCounts run(Connection connection, TaskSettings task, TaskBindings bindings) throws SQLException {
            return SlicePublish.run(connection, task, bindings);
        }
    },
    /** A query returning the violating rows: no row is a pass. */
    CHECK {
        @Override
        TaskCounts run(Connection connection, TaskSettings task, TaskBindings bindings) throws SQLException {
            CheckQuery.run(connection, task, bindings);
            return TaskCounts.NONE;
        }
    },
    /** Statements the user declares idempotent, run as they are. */
    SQL {
        @Override
        TaskCounts run(Connection connection, TaskSettings task, TaskBindings bindings) throws SQLException {
            long affected = 0;
            for (int i = 0; i < task.sql().statements().size(); i++) {
                try (var statement = connection.prepareStatement(task.sql().statements().get(i))) {
                    bindings.bind(connection, statement, task.sql().names().get(i));
                    statement.execute();
                    affected += Math.max(0, statement.getUpdateCount());
                }
            }
            return new TaskCounts(0, affected, 0, 0);
        }
    };

    /** Runs the task inside the caller's transaction; a failure is thrown, with the evidence in its message. */
    abstract TaskCounts run(Connection connection, TaskSettings task, TaskBindings bindings) throws SQLException;


    static Optional<TaskKind> of(String key) {
        return Keyed.of(TaskKind.class, key);
    }

    static String validKeys() {
        return Keyed.validKeys(TaskKind.class);
    }
}
