package io.onceload.task;

import io.onceload.config.PipelineSettings;
import io.onceload.config.SettingsException;
import io.onceload.table.TableException;
import io.onceload.table.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Startup checks of a task against the database: its table and columns exist, and its query is valid SQL. */
final class TaskCatalog {

    private TaskCatalog() {
    }

    /** @return the task with its partition column's type filled in */
    static TaskSettings check(Connection connection, TaskSettings task, PipelineSettings pipeline) {
        try {
            String typeName = "text";
            if (task.kind() == TaskKind.SLICE) {
                TargetTable table = TargetTable.resolve(connection, task.table(), List.of());
                if (table.column(task.partitionColumn()).isEmpty()) {
                    throw new SettingsException(task.label() + ": partition-column '" + task.partitionColumn()
                            + "' is not a column of " + table.name());
                }
                if (task.slice() == Slice.LOADED_PARTITIONS) {
                    TargetTable loaded = TargetTable.resolve(connection, pipeline.table(), pipeline.effectiveKey());
                    if (loaded.column(task.partitionColumn()).isEmpty()) {
                        throw new SettingsException(task.label() + ": slice loaded-partitions needs a column '"
                                + task.partitionColumn() + "' in the loaded table " + loaded.name()
                                + " (its values say which partitions a load touched)");
                    }
                }
                typeName = typeName(connection, table, task.partitionColumn());
                SlicePublish.resultColumns(connection, table, task, task.sql().statements().get(0));
            } else if (task.kind() == TaskKind.CHECK) {
                try (PreparedStatement describe = connection.prepareStatement(task.sql().statements().get(0))) {
                    describe.getMetaData();
                }
            }
            return task.withPartitionType(typeName);
        } catch (TableException | TaskFailure e) {
            throw new SettingsException(e.getMessage().startsWith("pipeline '") ? e.getMessage()
                    : task.label() + ": " + e.getMessage());
        } catch (SQLException e) {
            throw new SettingsException(task.label() + ": the SQL in " + task.sqlFile() + " is not valid: "
                    + e.getMessage());
        }
    }

    private static String typeName(Connection connection, TargetTable table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT t.typname FROM pg_attribute a JOIN pg_type t"
                + " ON t.oid = a.atttypid WHERE a.attrelid = ?::regclass AND a.attname = ?")) {
            ps.setString(1, table.quotedName());
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
