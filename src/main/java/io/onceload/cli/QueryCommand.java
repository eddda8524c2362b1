package io.onceload.cli;

import java.io.PrintWriter;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onceload query "<sql>"}: one statement in a read-only transaction, printed as a table. */
@Command(name = "query", description = "Run one SQL statement as the read-only role onceload_reader and print the"
        + " result.")
final class QueryCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "SQL")
    String sql;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommonOptions.quietLogging();
        PrintWriter out = spec.commandLine().getOut();
        int statements = statements(sql);
        if (statements != 1) {
            spec.commandLine().getErr().println("query takes exactly one SQL statement, found " + statements);
            return 2;
        }
        try (ReadOnlySession session = ReadOnlySession.openAsReader(options)) {
            try (Statement statement = session.connection().createStatement()) {
                if (statement.execute(sql)) {
                    try (ResultSet rs = statement.getResultSet()) {
                        print(rs, out);
                    }
                } else {
                    out.println("(" + statement.getUpdateCount() + " rows)");
                }
            } catch (SQLException e) {
                spec.commandLine().getErr().println("query failed: " + e.getMessage());
                return 1;
            }
        }
        out.flush();
        return 0;
    }

    /** Statements as the driver would send them: it splits on semicolons outside quotes, comments and $$ bodies. */
    static int statements(String sql) throws SQLException {
        return (int) org.postgresql.core.Parser.parseJdbcSql(sql, true, false, true, false, false).stream()
                .filter(query -> !query.nativeSql.isBlank()).count();
    }

    static void print(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[n];
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            header[i] = meta.getColumnLabel(i + 1);
            width[i] = header[i].length();
        }
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) {
                String value = rs.getString(i + 1);
                row[i] = value == null ? "" : value;
                width[i] = Math.max(width[i], row[i].length());
            }
            rows.add(row);
        }
        out.println(line(header, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] row : rows) {
            out.println(line(row, width));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + Math.max(1, width[i]) + "s", cells[i]));
        }
        return line.toString().stripTrailing();
    }
}
