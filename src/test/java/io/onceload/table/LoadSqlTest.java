package io.onceload.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LoadSqlTest {

    private static final String HOSTILE = "x\"; DROP TABLE orders; --";

    private static final Column CUSTOMER_ID = column("customer_id", ColumnKind.INTEGER, "integer");
    private static final Column ORDER_NO = column("order_no", ColumnKind.TEXT, "text");
    private static final Column AMOUNT = column("amount", ColumnKind.NUMERIC, "numeric");
    private static final Column NOTE = column("note", ColumnKind.TEXT, "text");

    private static Column column(String name, ColumnKind kind, String sqlType) {
        return new Column(name, kind, sqlType, -1, -1, -1, false, false, false);
    }

    private static TargetTable orders(List<Column> columns, List<Column> key) {
        return new TargetTable(new TableName("public", "orders"), "\"public\".\"orders\"", columns, key, true);
    }

    /** The quoting PgConnection.escapeIdentifier applies, without a connection. */
    private static final Identifiers DRIVER = name -> org.postgresql.core.Utils.escapeIdentifier(null, name).toString();

    private static LoadSql sql(TargetTable table, Column... mapped) throws SQLException {
        return new LoadSql(DRIVER, table, StageShape.of(table, List.of(mapped), io.onceload.config.LoadRules.UPSERT));
    }

    private static Stream<String> allStatements(LoadSql sql) {
        return Stream.of(sql.createStage(), sql.copyIntoStage(false), sql.dropDuplicates(), sql.analyzeStage(),
                sql.audit(), sql.lockName(), sql.updateChanged(), sql.insertNew(false));
    }

    @Test
    void compositeKeyTableInFileOrderDifferentFromKeyOrder() throws SQLException {
        TargetTable table = orders(List.of(CUSTOMER_ID, ORDER_NO, AMOUNT, NOTE), List.of(CUSTOMER_ID, ORDER_NO));
        LoadSql sql = sql(table, ORDER_NO, CUSTOMER_ID, AMOUNT, NOTE);

        assertThat(sql.createStage()).isEqualTo("CREATE TEMP TABLE \"onceload_stage\" ON COMMIT DROP AS SELECT"
                + " \"order_no\", \"customer_id\", \"amount\", \"note\", NULL::bigint AS \"_onceload_line\""
                + " FROM \"public\".\"orders\" WITH NO DATA");
        assertThat(sql.copyIntoStage(false)).isEqualTo("COPY \"onceload_stage\" (\"order_no\", \"customer_id\","
                + " \"amount\", \"note\", \"_onceload_line\") FROM STDIN");
        assertThat(sql.copyIntoStage(true)).endsWith(" FROM STDIN (FORMAT binary)");
        assertThat(sql.dropDuplicates()).isEqualTo("DELETE FROM \"onceload_stage\" s USING (SELECT"
                + " \"customer_id\", \"order_no\", max(\"_onceload_line\") FROM \"onceload_stage\""
                + " GROUP BY \"customer_id\", \"order_no\" HAVING count(*) > 1) d(k1, k2, keep)"
                + " WHERE s.\"customer_id\" = d.k1 AND s.\"order_no\" = d.k2"
                + " AND s.\"_onceload_line\" < d.keep");
        assertThat(sql.analyzeStage()).isEqualTo("ANALYZE \"onceload_stage\" (\"customer_id\", \"order_no\")");
        assertThat(sql.audit()).isEqualTo("SELECT coalesce(sum(g.n), 0), count(*), count(*) FILTER (WHERE"
                + " g.null_key) FROM (SELECT count(*), bool_or(\"customer_id\" IS NULL OR \"order_no\" IS NULL)"
                + " FROM \"onceload_stage\" GROUP BY \"customer_id\", \"order_no\") g(n, null_key)");
        assertThat(sql.lockTarget()).isEqualTo("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))");
        assertThat(sql.lockName()).isEqualTo("onceload:publish:\"public\".\"orders\"");
        assertThat(sql.updateChanged()).isEqualTo("UPDATE \"public\".\"orders\" t"
                + " SET \"amount\" = s.\"amount\", \"note\" = s.\"note\" FROM \"onceload_stage\" s"
                + " WHERE t.\"customer_id\" = s.\"customer_id\" AND t.\"order_no\" = s.\"order_no\""
                + " AND ROW(t.\"amount\", t.\"note\") IS DISTINCT FROM ROW(s.\"amount\", s.\"note\")");
        assertThat(sql.insertNew(false)).isEqualTo("INSERT INTO \"public\".\"orders\""
                + " (\"order_no\", \"customer_id\", \"amount\", \"note\")"
                + " SELECT s.\"order_no\", s.\"customer_id\", s.\"amount\", s.\"note\" FROM \"onceload_stage\" s"
                + " WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"orders\" t"
                + " WHERE t.\"customer_id\" = s.\"customer_id\" AND t.\"order_no\" = s.\"order_no\")");
    }

    @Test
    void identifiersThatNeedQuotingAreAlwaysQuoted() throws SQLException {
        Column spaced = column("Order No", ColumnKind.TEXT, "text");
        Column reserved = column("select", ColumnKind.TEXT, "text");
        Column umlaut = column("größe", ColumnKind.INTEGER, "integer");
        TargetTable table = orders(List.of(spaced, reserved, umlaut), List.of(spaced));
        LoadSql sql = sql(table, spaced, reserved, umlaut);

        assertThat(sql.insertNew(false)).isEqualTo("INSERT INTO \"public\".\"orders\" (\"Order No\", \"select\","
                + " \"größe\") SELECT s.\"Order No\", s.\"select\", s.\"größe\" FROM \"onceload_stage\" s"
                + " WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"orders\" t WHERE t.\"Order No\" = s.\"Order No\")");
        allStatements(sql).forEach(statement -> assertThat(
                statement.replace("\"Order No\"", "").replace("\"select\"", "").replace("\"größe\"", ""))
                .doesNotContain("Order No", "größe", "select"));
    }

    @Test
    void hostileColumnNameAppearsOnlyAsOneQuotedIdentifier() throws SQLException {
        Column id = column("id", ColumnKind.INTEGER, "integer");
        Column hostile = column(HOSTILE, ColumnKind.TEXT, "text");
        LoadSql sql = sql(orders(List.of(id, hostile), List.of(id)), id, hostile);

        String quoted = "\"x\"\"; DROP TABLE orders; --\"";
        assertThat(sql.createStage()).contains(quoted + ", NULL::bigint");
        assertThat(sql.updateChanged()).isEqualTo("UPDATE \"public\".\"orders\" t SET " + quoted + " = s." + quoted
                + " FROM \"onceload_stage\" s WHERE t.\"id\" = s.\"id\""
                + " AND ROW(t." + quoted + ") IS DISTINCT FROM ROW(s." + quoted + ")");
        allStatements(sql).forEach(statement ->
                assertThat(statement.replace(quoted, "")).doesNotContain("DROP TABLE", "--"));
    }

    @Test
    void hostileColumnNameIsNeverSplicedIntoSql() {
        Column id = column("id", ColumnKind.INTEGER, "integer");
        Column hostile = column(HOSTILE, ColumnKind.TEXT, "text");
        TargetTable table = orders(List.of(id, hostile), List.of(id));
        LoadSql[] built = new LoadSql[1];
        Throwable refused = catchThrowable(() -> built[0] = sql(table, id, hostile));

        // refusing the name is safe (today's behaviour); emitting it unquoted would not be
        if (refused != null) {
            assertThat(refused).isInstanceOf(SQLException.class);
        } else {
            allStatements(built[0]).forEach(statement -> assertThat(
                    statement.replace("\"x\"\"; DROP TABLE orders; --\"", "")).doesNotContain("DROP TABLE", "--"));
        }
    }

    @Test
    void updateChangedIsNullWhenEveryMappedColumnIsPartOfTheKey() throws SQLException {
        TargetTable table = orders(List.of(CUSTOMER_ID, ORDER_NO, NOTE), List.of(CUSTOMER_ID, ORDER_NO));

        assertThat(sql(table, ORDER_NO, CUSTOMER_ID).updateChanged()).isNull();
        assertThat(sql(table, ORDER_NO, CUSTOMER_ID, NOTE).updateChanged()).isNotNull();
    }

    @Test
    void mergeUpdatesOnlyDistinctRowsAndCountsWhatItDid() throws SQLException {
        TargetTable table = orders(List.of(CUSTOMER_ID, AMOUNT), List.of(CUSTOMER_ID));
        LoadSql sql = sql(table, CUSTOMER_ID, AMOUNT);
        String insertAndCount = " WHEN NOT MATCHED THEN INSERT (\"customer_id\", \"amount\")"
                + " VALUES (s.\"customer_id\", s.\"amount\") RETURNING merge_action() AS action)"
                + " SELECT count(*) FILTER (WHERE action = 'INSERT'), count(*) FILTER (WHERE action = 'UPDATE') FROM m";

        assertThat(sql.mergeChanges(true, true)).isEqualTo("WITH m AS (MERGE INTO \"public\".\"orders\" t USING"
                + " \"onceload_stage\" s ON t.\"customer_id\" = s.\"customer_id\" WHEN MATCHED AND ROW(t.\"amount\")"
                + " IS DISTINCT FROM ROW(s.\"amount\") THEN UPDATE SET \"amount\" = s.\"amount\"" + insertAndCount);
        assertThat(sql.mergeChanges(false, true)).as("insert-only leaves existing keys alone")
                .isEqualTo("WITH m AS (MERGE INTO \"public\".\"orders\" t USING \"onceload_stage\" s ON"
                        + " t.\"customer_id\" = s.\"customer_id\"" + insertAndCount);
    }

    @Test
    void singleValueColumnIsComparedAsARowConstructor() throws SQLException {
        TargetTable table = orders(List.of(CUSTOMER_ID, AMOUNT), List.of(CUSTOMER_ID));
        LoadSql sql = sql(table, CUSTOMER_ID, AMOUNT);

        assertThat(sql.updateChanged()).isEqualTo("UPDATE \"public\".\"orders\" t SET \"amount\" = s.\"amount\""
                + " FROM \"onceload_stage\" s WHERE t.\"customer_id\" = s.\"customer_id\""
                + " AND ROW(t.\"amount\") IS DISTINCT FROM ROW(s.\"amount\")");
        assertThat(sql.audit()).isEqualTo("SELECT coalesce(sum(g.n), 0), count(*), count(*) FILTER (WHERE"
                + " g.null_key) FROM (SELECT count(*), bool_or(\"customer_id\" IS NULL) FROM \"onceload_stage\""
                + " GROUP BY \"customer_id\") g(n, null_key)");
    }

    @Test
    void insertNewWithASingleMappedColumnSelectsThePlainColumn() throws SQLException {
        Column name = column("name", ColumnKind.TEXT, "text");
        Column created = new Column("created", ColumnKind.TIMESTAMPTZ, "timestamp with time zone", -1, -1, -1,
                false, true, false);
        TargetTable tags = new TargetTable(new TableName("public", "tags"), "\"public\".\"tags\"",
                List.of(name, created), List.of(name), true);
        LoadSql sql = sql(tags, name);

        assertThat(sql.updateChanged()).isNull();
        assertThat(sql.insertNew(false)).isEqualTo("INSERT INTO \"public\".\"tags\" (\"name\") SELECT s.\"name\""
                + " FROM \"onceload_stage\" s WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"tags\" t"
                + " WHERE t.\"name\" = s.\"name\")");
    }

    @Test
    void anEmptyTargetTakesEveryStagedRowWithoutTheAntiJoin() throws SQLException {
        TargetTable table = orders(List.of(CUSTOMER_ID, AMOUNT), List.of(CUSTOMER_ID));
        LoadSql sql = sql(table, CUSTOMER_ID, AMOUNT);
        assertThat(sql.insertNew(true)).isEqualTo("INSERT INTO \"public\".\"orders\" (\"customer_id\", \"amount\")"
                + " SELECT s.\"customer_id\", s.\"amount\" FROM \"onceload_stage\" s");
        assertThat(sql.insertNew(false)).contains("WHERE NOT EXISTS");
        assertThat(sql.targetState()).isEqualTo("SELECT NOT EXISTS (SELECT 1 FROM \"public\".\"orders\"),"
                + " (SELECT relpages = 0 FROM pg_class WHERE oid = ?::regclass)");
    }
}
