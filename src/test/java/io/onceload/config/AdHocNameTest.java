package io.onceload.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.table.TableName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ad-hoc pipeline name keys the ad-hoc ledger: one name per table, and a valid pipeline name for any table. */
class AdHocNameTest {

    @Test
    void aPlainLowerCaseTableKeepsItsReadableName() {
        assertThat(PipelineSettings.adHocName(new TableName("public", "orders"))).isEqualTo("adhoc-public-orders");
        assertThat(PipelineSettings.adHocName(new TableName("sales", "order_lines_2026")))
                .isEqualTo("adhoc-sales-order_lines_2026");
    }

    @Test
    void tablesThatSpellAlikeGetNamesOfTheirOwn() {
        List<TableName> tables = List.of(new TableName("public", "orders"), new TableName("public", "Orders"),
                new TableName("public", "ORDERS"), new TableName("public", "оrders"), new TableName("public", "a;b"),
                new TableName("public", "a b"), new TableName("public", "a_b"), new TableName("a-b", "c"),
                new TableName("a", "b-c"), new TableName("public", "x".repeat(63)),
                new TableName("public", "x".repeat(62)), new TableName("public", "x".repeat(62) + "y"));
        Set<String> names = new HashSet<>();
        for (TableName table : tables) {
            String name = PipelineSettings.adHocName(table);
            assertThat(name).as(table.toString()).matches("[a-z][a-z0-9_-]{0,62}");
            assertThat(names.add(name)).as(table + " has a name of its own: " + name).isTrue();
        }
        assertThat(PipelineSettings.adHocName(new TableName("public", "Orders"))).startsWith("adhoc-public-orders-");
    }
}
