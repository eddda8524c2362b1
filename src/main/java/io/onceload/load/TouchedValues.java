package io.onceload.load;

import io.onceload.config.LoadMode;
import io.onceload.table.Column;
import io.onceload.table.Identifiers;
import io.onceload.table.LoadSql;
import io.onceload.table.StageShape;
import io.onceload.table.TargetTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The values a load touches in some columns of its table: every value the file holds, and the previous value of
 * every row the load moves out of it or may delete (in the replace modes, every stored row of what the file
 * replaces), so a task can recompute both the old and the new place of a changed row. Read before the target is
 * written.
 */
final class TouchedValues {

    private TouchedValues() {
    }

    /** Staging path: the staged rows, plus the stored values of rows whose value the file changes or removes. */
    static Map<String, List<String>> beforeWrite(Connection connection, TargetTable table, StageShape shape,
                                                 LoadMode mode, List<String> columns) throws SQLException {
        Identifiers ids = Identifiers.of(connection);
        String stage = ids.quote(LoadSql.STAGE);
        List<String> match = new ArrayList<>();
        for (Column key : shape.key()) {
            match.add("t." + ids.quote(key.name()) + " = s." + ids.quote(key.name()));
        }
        String joined = " FROM " + table.quotedName() + " t JOIN " + stage + " s ON " + String.join(" AND ", match);
        Map<String, List<String>> touched = new LinkedHashMap<>();
        for (String name : columns) {
            String c = ids.quote(name);
            boolean staged = shape.staged().stream().anyMatch(column -> column.name().equals(name));
            List<String> parts = new ArrayList<>();
            if (staged) {
                parts.add("SELECT s." + c + "::text" + " FROM " + stage + " s");
                parts.add("SELECT t." + c + "::text" + joined + " WHERE t." + c + " IS DISTINCT FROM s." + c);
            } else {
                parts.add("SELECT t." + c + "::text" + joined);
            }
            if (mode == LoadMode.REPLACE) {
                parts.add("SELECT " + c + "::text FROM " + table.quotedName()); // any stored row may be deleted
            } else if (mode == LoadMode.REPLACE_PARTITIONS) {
                // any stored row of the file's partitions may be deleted, whatever its value in this column
                String p = ids.quote(shape.partition().name());
                parts.add("SELECT t." + c + "::text FROM " + table.quotedName() + " t WHERE t." + p + " IN (SELECT s."
                        + p + " FROM " + stage + " s)");
            }
            touched.put(name, distinct(connection, "SELECT v FROM (" + parts.stream().collect(Collectors.joining(
                    " UNION ")) + ") x(v) WHERE v IS NOT NULL ORDER BY 1"));
        }
        return touched;
    }

    /** Direct path: the target was empty, so what it holds now is exactly the file. */
    static Map<String, List<String>> afterDirect(Connection connection, TargetTable table, List<String> columns)
            throws SQLException {
        Identifiers ids = Identifiers.of(connection);
        Map<String, List<String>> touched = new LinkedHashMap<>();
        for (String name : columns) {
            String c = ids.quote(name);
            touched.put(name, distinct(connection, "SELECT DISTINCT " + c + "::text FROM " + table.quotedName()
                    + " WHERE " + c + " IS NOT NULL ORDER BY 1"));
        }
        return touched;
    }

    private static List<String> distinct(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
