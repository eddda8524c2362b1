package io.onceload.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** A second real database on the test server, {@code pullsrc}, as the operational database a pipeline pulls from. */
public final class SourceDatabase {

    private static boolean created;

    private SourceDatabase() {
    }

    public static synchronized String url() {
        String url = TestDatabase.settings().url();
        if (!created) {
            if (TestDatabase.count("SELECT count(*) FROM pg_database WHERE datname = 'pullsrc'") == 0) {
                TestDatabase.execute("CREATE DATABASE pullsrc");
            }
            created = true;
        }
        return url.substring(0, url.lastIndexOf('/')) + "/pullsrc";
    }

    /** An empty {@code src_orders}, shaped like the example {@code orders} table. */
    public static void reset() {
        execute("DROP TABLE IF EXISTS src_orders", "CREATE TABLE src_orders (order_id bigint PRIMARY KEY,"
                + " customer_id bigint NOT NULL, order_date date NOT NULL, status text NOT NULL,"
                + " total_amount numeric(12,2) NOT NULL, currency text NOT NULL, updated_at timestamptz NOT NULL)");
    }

    public static void execute(String... statements) {
        try (Connection connection = connect()) {
            TestDatabase.execute(connection, statements);
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }

    public static List<List<String>> rows(String sql) {
        try (Connection connection = connect()) {
            return TestDatabase.rows(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static Connection connect() throws SQLException {
        var settings = TestDatabase.settings();
        return DriverManager.getConnection(url(), settings.user(), settings.password());
    }
}
