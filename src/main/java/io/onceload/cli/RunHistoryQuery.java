package io.onceload.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the newest runs, and the pipelines that have any, from onceload.run. */
final class RunHistoryQuery {

    /** run_id breaks ties so two runs started in the same microsecond still come out in a stable order. */
    private static final String ORDER = " ORDER BY started_at DESC, run_id DESC LIMIT ?";
    private static final String ALL = "SELECT " + RunRow.COLUMNS + " FROM onceload.run" + ORDER;
    private static final String ONE = "SELECT " + RunRow.COLUMNS + " FROM onceload.run WHERE pipeline = ?" + ORDER;
    private static final String PIPELINES = "SELECT pipeline FROM onceload.run GROUP BY pipeline ORDER BY pipeline"
            + " LIMIT ?";

    private RunHistoryQuery() {
    }

    /** @param pipeline null for every pipeline */
    static List<RunRow> newest(Connection connection, String pipeline, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(pipeline == null ? ALL : ONE)) {
            int i = 1;
            if (pipeline != null) {
                statement.setString(i++, pipeline);
            }
            statement.setInt(i, limit);
            List<RunRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(RunRow.from(rs));
                }
            }
            return rows;
        }
    }

    /** Pipeline names with at least one run, alphabetically, at most {@code limit} of them. */
    static List<String> pipelines(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PIPELINES)) {
            statement.setInt(1, limit);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }
}
