package io.onceload.web;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads every row of a result, one callback each: the views' queries are many and short. */
final class Rows {

    @FunctionalInterface
    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private Rows() {
    }

    static void each(ResultSet rs, Row row) throws SQLException {
        try (rs) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }
}
