package io.onceload.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void namesBecomePlaceholdersOutsideQuotesCommentsAndCasts() {
        NamedSql sql = NamedSql.parse("SELECT ':no', \":nor\", $$ :neither $$, $t$ :x; $t$, d::date -- :skip ;\n"
                + "FROM t /* :also; */ WHERE d = :logical_date AND p = ANY(:partitions) AND r = :logical_date");
        assertThat(sql.statements()).hasSize(1);
        assertThat(sql.statements().get(0)).contains("':no'", "\":nor\"", "$$ :neither $$", "d::date", "d = ?",
                "ANY(?)").doesNotContain(":logical_date");
        assertThat(sql.names().get(0)).containsExactly("logical_date", "partitions", "logical_date");
        assertThat(sql.used()).containsExactly("logical_date", "partitions");
    }

    @Test
    void statementsSplitOnTopLevelSemicolonsOnly() {
        NamedSql sql = NamedSql.parse("DELETE FROM x WHERE day = :logical_date;\n"
                + "INSERT INTO x SELECT ';', :pipeline;\n-- a trailing comment only\n");
        assertThat(sql.statements()).containsExactly("DELETE FROM x WHERE day = ?", "INSERT INTO x SELECT ';', ?");
        assertThat(sql.names()).containsExactly(List.of("logical_date"), List.of("pipeline"));
    }
}
