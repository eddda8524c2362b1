package io.onceload.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A check task: its query returns the violating rows; any row fails the task, with the first rows as evidence. */
final class CheckQuery {

    private static final int EVIDENCE = 5;

    private CheckQuery() {
    }

    static void run(Connection connection, TaskSettings task, TaskBindings bindings) throws SQLException {
        List<String> first = new ArrayList<>();
        long violations = 0;
        try (PreparedStatement query = connection.prepareStatement(task.sql().statements().get(0))) {
            bindings.bind(connection, query, task.sql().names().get(0));
            try (ResultSet rs = query.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    violations++;
                    if (first.size() < EVIDENCE) {
                        StringBuilder row = new StringBuilder("(");
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(i == 1 ? "" : ", ").append(meta.getColumnLabel(i)).append('=')
                                    .append(rs.getString(i));
                        }
                        first.add(row.append(')').toString());
                    }
                }
            }
        }
        if (violations > 0) {
            throw new TaskFailure("check '" + task.name() + "' found " + violations + " violating row"
                    + (violations == 1 ? "" : "s") + ": " + String.join(", ", first)
                    + (violations > first.size() ? ", …" : ""));
        }
    }
}
