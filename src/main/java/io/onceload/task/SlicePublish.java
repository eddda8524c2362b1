package io.onceload.task;

import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import io.onceload.table.Identifiers;
import io.onceload.table.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A slice task's publish: the query's rows are staged, checked to lie inside the slice, and then the slice of the
 * table becomes exactly those rows (rows no longer produced deleted, changed rows updated, new rows inserted,
 * equal rows not written), under the table's publish lock, in the caller's transaction.
 */
final class SlicePublish {

    private static final String STAGE = "onceload_task_stage";
    /** Rows named in the message of a query that produced rows outside its slice. */
    private static final int EVIDENCE = 5;

    private SlicePublish() {
    }

    static TaskCounts run(Connection connection, TaskSettings task, TaskBindings bindings) throws SQLException {
        TargetTable table = TargetTable.resolve(connection, task.table(), List.of());
        Identifiers ids = Identifiers.of(connection);
        String query = task.sql().statements().get(0);
        List<Column> columns = resultColumns(connection, table, task, query);
        String stage = ids.quote(STAGE);
        String partition = ids.quote(task.partitionColumn());
        List<String> all = quote(ids, columns);
        List<String> keys = quote(ids, table.key());
        List<Column> nonKey = columns.stream().filter(c -> !table.key().contains(c)).toList();
        String match = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE " + stage + " ON COMMIT DROP AS SELECT " + String.join(", ", all)
                    + " FROM " + table.quotedName() + " WITH NO DATA");
        }
        long staged;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + stage + " ("
                // the newline ends a trailing -- comment of the query, which would otherwise swallow ") q"
                + String.join(", ", all) + ") SELECT * FROM (" + query + "\n) q")) {
            bindings.bind(connection, insert, task.sql().names().get(0));
            staged = insert.executeUpdate();
        }
        String sliceArray = "CAST(? AS text[])::" + sliceType(table, task) + "[]";
        List<String> outside = rows(connection, "SELECT " + String.join(" || ', ' || ", all.stream()
                .map(c -> "coalesce(" + c + "::text, 'NULL')").toList()) + " FROM " + stage + " WHERE " + partition
                + " IS NULL OR NOT " + partition + " = ANY(" + sliceArray + ") LIMIT " + EVIDENCE, bindings);
        if (!outside.isEmpty()) {
            throw new TaskFailure(task.label() + ": the query produced rows outside the slice " + bindings.partitions()
                    + " of " + table.name() + "." + task.partitionColumn() + ", e.g. (" + String.join("), (", outside)
                    + "); nothing was written");
        }
        List<String> repeated = rows(connection, "SELECT " + String.join(" || ', ' || ", keys.stream()
                .map(k -> "coalesce(" + k + "::text, 'NULL')").toList()) + " FROM " + stage
                + " GROUP BY " + String.join(", ", keys) + " HAVING count(*) > 1 LIMIT " + EVIDENCE, null);
        if (!repeated.isEmpty()) {
            throw new TaskFailure(task.label() + ": the query returned the key of " + table.name() + " more than once,"
                    + " e.g. (" + String.join("), (", repeated) + "); nothing was written");
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "onceload:publish:" + table.quotedName());
            lock.execute();
        }
        // a key stored outside the slice would be moved into it, and back by the other slice's next run
        List<String> elsewhere = rows(connection, "SELECT " + String.join(" || ', ' || ", keys.stream()
                .map(k -> "coalesce(s." + k + "::text, 'NULL')").toList()) + " FROM " + stage + " s JOIN "
                + table.quotedName() + " t ON " + match + " WHERE t." + partition + " IS NULL OR NOT t." + partition
                + " = ANY(" + sliceArray + ") LIMIT " + EVIDENCE, bindings);
        if (!elsewhere.isEmpty()) {
            throw new TaskFailure(task.label() + ": keys the query returned are stored in " + table.name()
                    + " outside the slice, e.g. (" + String.join("), (", elsewhere) + "); nothing was written");
        }
        long deleted = update(connection, "DELETE FROM " + table.quotedName() + " t WHERE t." + partition + " = ANY("
                + sliceArray + ") AND NOT EXISTS (SELECT 1 FROM " + stage + " s WHERE " + match + ")", bindings);
        long updated = nonKey.isEmpty() ? 0 : update(connection, "UPDATE " + table.quotedName() + " t SET "
                + nonKey.stream().map(c -> quoteUnchecked(ids, c) + " = s." + quoteUnchecked(ids, c))
                        .collect(Collectors.joining(", "))
                + " FROM " + stage + " s WHERE " + match + " AND " + row("t", ids, nonKey) + " IS DISTINCT FROM "
                + row("s", ids, nonKey), null);
        long inserted = update(connection, "INSERT INTO " + table.quotedName() + " (" + String.join(", ", all)
                + ") SELECT " + all.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + " FROM " + stage
                + " s WHERE NOT EXISTS (SELECT 1 FROM " + table.quotedName() + " t WHERE " + match + ")", null);
        return new TaskCounts(inserted, updated, deleted, staged - inserted - updated);
    }

    /** The query's columns, each one of the table's; the key and the partition column must be among them. */
    static List<Column> resultColumns(Connection connection, TargetTable table, TaskSettings task, String query)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement describe = connection.prepareStatement(query)) {
            ResultSetMetaData meta = describe.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnLabel(i);
                columns.add(table.column(name).orElseThrow(() -> new TaskFailure(task.label() + ": the query's column '"
                        + name + "' is not a column of " + table.name())));
            }
        }
        List<String> names = columns.stream().map(Column::name).toList();
        List<String> required = new ArrayList<>(table.key().stream().map(Column::name).toList());
        required.add(task.partitionColumn());
        required.stream().filter(name -> !names.contains(name)).findFirst().ifPresent(name -> {
            throw new TaskFailure(task.label() + ": the query must return the column '" + name + "' of "
                    + table.name() + " (its key and the partition column); it returns " + names);
        });
        return columns;
    }

    /** The partition column's type as the catalogue spells it, for the slice array. */
    private static String sliceType(TargetTable table, TaskSettings task) {
        return table.column(task.partitionColumn()).orElseThrow().sqlType();
    }

    private static String row(String alias, Identifiers ids, List<Column> columns) {
        return "ROW(" + columns.stream().map(c -> alias + "." + quoteUnchecked(ids, c)
                + (c.kind() == ColumnKind.OTHER ? "::text" : "")).collect(Collectors.joining(", ")) + ")";
    }

    private static List<String> quote(Identifiers ids, List<Column> columns) {
        return columns.stream().map(c -> quoteUnchecked(ids, c)).toList();
    }

    private static String quoteUnchecked(Identifiers ids, Column column) {
        try {
            return ids.quote(column.name());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement; one whose text has a slice array gets the slice bound to it. */
    private static long update(Connection connection, String sql, TaskBindings slice) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (slice != null) {
                statement.setArray(1, connection.createArrayOf("text", slice.partitions().toArray()));
            }
            return statement.executeUpdate();
        }
    }

    /** The first column of each row; a query whose text has a slice array gets the slice bound to it. */
    private static List<String> rows(Connection connection, String sql, TaskBindings slice) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (slice != null) {
                statement.setArray(1, connection.createArrayOf("text", slice.partitions().toArray()));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }
}
