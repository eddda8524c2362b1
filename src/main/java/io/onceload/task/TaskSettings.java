package io.onceload.task;

import io.onceload.sql.NamedSql;

import io.onceload.table.TableName;
import java.nio.file.Path;
import java.util.List;

/**
 * One declared task, validated once at startup.
 *
 * @param after upstream task names; {@code load} is the pipeline's file load
 * @param table slice tasks: the derived table; null otherwise
 * @param partitionColumn slice tasks: the derived table's column the slice is over
 * @param retries extra attempts after a transient database error
 * @param partitionTypeName slice tasks: {@code pg_type.typname} of the partition column, which {@code :partitions}
 *     is bound as; read from the catalogue at startup ("text" before)
 */
record TaskSettings(String pipeline, String name, List<String> after, TaskKind kind, Path sqlFile, NamedSql sql,
                    TableName table, String partitionColumn, Slice slice, int retries, long backoffMs,
                    String partitionTypeName) {

    /** The pipeline's own load, as an upstream name. */
    static final String LOAD = "load";

    TaskSettings {
        after = List.copyOf(after);
    }

    TaskSettings withPartitionType(String typeName) {
        return new TaskSettings(pipeline, name, after, kind, sqlFile, sql, table, partitionColumn, slice, retries,
                backoffMs, typeName);
    }

    String label() {
        return "pipeline '" + pipeline + "' task '" + name + "'";
    }
}
