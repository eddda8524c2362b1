package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.config.LoadMode;
import io.onceload.config.LoadRules;
import io.onceload.table.Identifiers;
import io.onceload.table.LoadSql;
import io.onceload.table.StageShape;
import io.onceload.table.TableName;
import io.onceload.table.TargetTable;
import io.onceload.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every way of writing the changed and new rows, on the same target and stage, writes the same rows and counts
 * them alike: the counted MERGE of PostgreSQL 15 and 16 and the two statements run here on the test's server
 * (with {@code -Donceload.test.db-url=} on a 15 or 16, all but the MERGE with RETURNING).
 */
class TargetWriteTest {

    /** Rows 1 equal, 2 changed, 4 new; 3 stays. */
    private static final String STAGE_ROWS = "(1, 'a', 1, 'east'), (2, 'x', 2, 'east'), (4, 'd', 1, 'east')";

    @Test
    void changedAndNewRowsAreWrittenAndCountedAlike() throws Exception {
        Map<TargetWrite, Outcome> outcomes = each("tw_plain", "", STAGE_ROWS, LoadRules.UPSERT, true);

        assertThat(outcomes.values()).allSatisfy(o -> {
            assertThat(o.written()).isEqualTo(new TargetWrite.Written(1, 1));
            assertThat(o.rows()).isEqualTo("1 a 1 east|2 x 2 east|3 c 1 east|4 d 1 east");
        });
    }

    @Test
    void insertOnlyLeavesExistingKeysAlone() throws Exception {
        Map<TargetWrite, Outcome> outcomes = each("tw_insert_only", "", STAGE_ROWS,
                new LoadRules(LoadMode.INSERT_ONLY, null, null, null, null, List.of(), true), false);

        assertThat(outcomes.values()).allSatisfy(o -> {
            assertThat(o.written()).isEqualTo(new TargetWrite.Written(1, 0));
            assertThat(o.rows()).isEqualTo("1 a 1 east|2 b 1 east|3 c 1 east|4 d 1 east");
        });
    }

    @Test
    void anOlderVersionIsNotWritten() throws Exception {
        Map<TargetWrite, Outcome> outcomes = each("tw_version", "", "(2, 'old', 0, 'east'), (3, 'new', 5, 'east')",
                new LoadRules(LoadMode.UPSERT, null, "ver", null, null, List.of(), true), true);

        assertThat(outcomes.values()).allSatisfy(o -> {
            assertThat(o.written()).isEqualTo(new TargetWrite.Written(0, 1));
            assertThat(o.rows()).isEqualTo("1 a 1 east|2 b 1 east|3 new 5 east");
        });
    }

    @Test
    void aRowMovedToAnotherPartitionCountsAsUpdated() throws Exception {
        Map<TargetWrite, Outcome> outcomes = each("tw_parted", " PARTITION BY LIST (region)",
                "(2, 'b', 1, 'west'), (5, 'e', 1, 'west')", LoadRules.UPSERT, true);

        assertThat(outcomes.values()).allSatisfy(o -> {
            assertThat(o.written()).isEqualTo(new TargetWrite.Written(1, 1));
            assertThat(o.rows()).isEqualTo("1 a 1 east|2 b 1 west|3 c 1 east|5 e 1 west");
        });
    }

    record Outcome(TargetWrite.Written written, String rows) {
    }

    /** Creates the table afresh for each write, stages the rows, writes them, and reads the table back. */
    private static Map<TargetWrite, Outcome> each(String name, String partitioning, String stageRows, LoadRules rules,
                                                 boolean updates) throws Exception {
        Map<TargetWrite, Outcome> outcomes = new TreeMap<>();
        EnumSet<TargetWrite> writes = EnumSet.of(TargetWrite.MERGE_COUNTED, TargetWrite.UPDATE_THEN_INSERT);
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            if (connection.getMetaData().getDatabaseMajorVersion() >= 17) {
                writes.add(TargetWrite.MERGE_RETURNING);
            }
        }
        for (TargetWrite write : writes) {
            TestDatabase.execute("DROP TABLE IF EXISTS " + name,
                    "CREATE TABLE " + name + " (id int, v text, ver int, region text, PRIMARY KEY (id, region))"
                            + partitioning);
            if (!partitioning.isEmpty()) {
                TestDatabase.execute("CREATE TABLE " + name + "_east PARTITION OF " + name + " FOR VALUES IN ('east')",
                        "CREATE TABLE " + name + "_west PARTITION OF " + name + " FOR VALUES IN ('west')");
            }
            TestDatabase.execute("INSERT INTO " + name + " VALUES (1, 'a', 1, 'east'), (2, 'b', 1, 'east'),"
                    + " (3, 'c', 1, 'east')");
            TargetWrite.Written written;
            try (Connection connection = TestDatabase.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                // the key is id alone: region is a value that may move a row between partitions
                TargetTable table = TargetTable.resolve(connection, new TableName("public", name), List.of("id"));
                LoadSql sql = new LoadSql(Identifiers.of(connection), table,
                        StageShape.of(table, table.columns(), rules));
                statement.execute(sql.createStage());
                statement.execute("INSERT INTO " + LoadSql.STAGE + " SELECT *, 0 FROM (VALUES " + stageRows + ") v");
                written = write.write(connection, statement, sql, table, updates);
                connection.commit();
            }
            outcomes.put(write, new Outcome(written, String.join("|", TestDatabase.rows("SELECT id, v, ver, region FROM "
                    + name + " ORDER BY id").stream().map(r -> String.join(" ", r)).toList())));
        }
        return outcomes;
    }
}
