package io.onceload.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.config.LoadMode;
import io.onceload.config.LoadRules;
import io.onceload.testing.HostileHeaders;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every generated hostile name, as the key, a value, the version, the partition or the watermark column: each
 * statement is the benign one with that name's quoted identifier in the same places, and nowhere else.
 */
class LoadSqlHostileNamesTest {

    private static final Identifiers DRIVER = name -> org.postgresql.core.Utils.escapeIdentifier(null, name).toString();
    private static final String BENIGN = "c";

    private static Column column(String name, ColumnKind kind, String type) {
        return new Column(name, kind, type, -1, -1, -1, false, false, false);
    }

    /** The statements for a table (key k, values v and c) in which {@code name} plays {@code role}. */
    private static List<String> statements(String role, String name) throws SQLException {
        Column k = column(role.equals("key") ? name : "k", ColumnKind.INTEGER, "integer");
        Column v = column(role.equals("value") ? name : "v", ColumnKind.TEXT, "text");
        Column c = column(role.equals("key") || role.equals("value") ? "c" : name, ColumnKind.BIGINT, "bigint");
        TargetTable table = new TargetTable(new TableName("public", "orders"), "\"public\".\"orders\"",
                List.of(k, v, c), List.of(k), true);
        LoadRules rules = switch (role) {
            case "version" -> new LoadRules(LoadMode.UPSERT, null, c.name(), null, null, List.of(), true);
            case "partition" -> new LoadRules(LoadMode.REPLACE_PARTITIONS, c.name(), null, null, null, List.of(), true);
            case "watermark" -> new LoadRules(LoadMode.UPSERT, null, null, c.name(), null, List.of(), true);
            default -> LoadRules.UPSERT;
        };
        LoadSql sql = new LoadSql(DRIVER, table, StageShape.of(table, List.of(k, v, c), rules));
        List<String> all = new ArrayList<>(Stream.of(sql.createStage(), sql.copyIntoTarget(true), sql.copyIntoStage(false),
                sql.dropDuplicates(), sql.audit(), sql.lockName(), sql.dropBelowWatermark(), sql.countPublished(),
                sql.maxWatermark(), sql.countKeysInOtherPartitions(), sql.countTargetRowsInScope(), sql.deleteAbsent(),
                sql.updateChanged(), sql.insertNew(false), sql.insertNew(true), sql.countDuplicateKeys()).toList());
        if (role.equals("watermark")) {
            all.add(sql.advanceWatermark());
        }
        return all;
    }

    @Test
    void aHostileNameIsOnlyEverOneQuotedIdentifierInEveryRole() throws SQLException {
        List<String> names = HostileHeaders.generate(1_200, 20261123L).stream().map(HostileHeaders.Case::header)
                .filter(n -> n.indexOf('\0') < 0).distinct().toList();
        int checked = 0;
        for (String role : List.of("key", "value", "version", "partition", "watermark")) {
            String benignName = role.equals("key") ? "k" : role.equals("value") ? "v" : BENIGN;
            List<String> benign = statements(role, benignName);
            for (String name : names) {
                String quoted = DRIVER.quote(name);
                String benignQuoted = DRIVER.quote(benignName);
                Function<String, String> back = s -> s == null ? null : s.replace(quoted, benignQuoted);
                assertThat(statements(role, name).stream().map(back).toList()).as(role + " " + quoted)
                        .isEqualTo(benign);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(5_000);
    }

    @Test
    void aNameWithNulIsRefusedBeforeAnySqlIsBuilt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> statements("value", "a\0b"))
                .isInstanceOf(SQLException.class);
    }
}
