package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.RunStatus;
import io.onceload.testing.Loads;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads into filled tables (the staged path) whose keys Java can prove distinct: a file without repeats publishes
 * with exact counts, and a repeated key is still found and the last line kept, whatever the key's kind and order.
 */
class ProvenKeysLoadTest {

    @TempDir
    Path dir;

    @Test
    void unorderedIntegerKeys() {
        TestDatabase.execute("DROP TABLE IF EXISTS proven_int", "CREATE TABLE proven_int (id bigint PRIMARY KEY, v text)",
                "INSERT INTO proven_int VALUES (100, 'old')");
        Loads loads = new Loads(dir, "name", "proven-int", "table", "proven_int");
        LoadOutcome distinct = loads.load("a.csv", "id,v\n5,a\n3,b\n100,new\n4,c\n");
        assertThat(distinct.counts()).extracting("inserted", "updated", "duplicates").containsExactly(3L, 1L, 0L);

        LoadOutcome repeated = loads.load("b.csv", "id,v\n7,x\n3,first\n9,y\n3,last\n");
        assertThat(repeated.status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(repeated.counts()).extracting("inserted", "updated", "duplicates").containsExactly(2L, 1L, 1L);
        assertThat(TestDatabase.scalar("SELECT v FROM proven_int WHERE id = 3")).isEqualTo("last");
    }

    @Test
    void keyColumnsNamedLikeTheAuditsOwnNames() {
        TestDatabase.execute("DROP TABLE IF EXISTS proven_names", "CREATE TABLE proven_names (keep text, rows text,"
                + " null_key text, v text, PRIMARY KEY (keep, rows, null_key))", "INSERT INTO proven_names VALUES"
                + " ('a', 'b', 'c', 'old')");
        Loads loads = new Loads(dir, "name", "proven-names", "table", "proven_names");
        LoadOutcome outcome = loads.load("k.csv", "keep,rows,null_key,v\nx,y,z,first\na,b,c,new\nx,y,z,last\n");
        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(outcome.counts()).extracting("inserted", "updated", "duplicates").containsExactly(1L, 1L, 1L);
        assertThat(TestDatabase.rows("SELECT keep, v FROM proven_names ORDER BY keep"))
                .containsExactly(List.of("a", "new"), List.of("x", "last"));
    }

    @Test
    void uuidKeys() {
        TestDatabase.execute("DROP TABLE IF EXISTS proven_uuid", "CREATE TABLE proven_uuid (id uuid PRIMARY KEY, v text)",
                "INSERT INTO proven_uuid VALUES ('00000000-0000-0000-0000-000000000001', 'old')");
        Loads loads = new Loads(dir, "name", "proven-uuid", "table", "proven_uuid");
        // the same uuid spelled two ways is one key
        LoadOutcome outcome = loads.load("u.csv", "id,v\n"
                + "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11,first\n"
                + "00000000-0000-0000-0000-000000000002,x\n"
                + "{a0eebc999c0b4ef8bb6d6bb9bd380a11},last\n");
        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(outcome.counts()).extracting("inserted", "duplicates").containsExactly(2L, 1L);
        assertThat(TestDatabase.scalar("SELECT v FROM proven_uuid WHERE id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"))
                .isEqualTo("last");
    }

    @Test
    void compositeDateAndIntegerKeys() {
        TestDatabase.execute("DROP TABLE IF EXISTS proven_pair",
                "CREATE TABLE proven_pair (day date, n integer, v text, PRIMARY KEY (day, n))",
                "INSERT INTO proven_pair VALUES ('2026-11-01', 1, 'old')");
        Loads loads = new Loads(dir, "name", "proven-pair", "table", "proven_pair");
        LoadOutcome distinct = loads.load("p.csv", "day,n,v\n2026-11-01,12,a\n2026-11-11,2,b\n2026-11-01,1,c\n");
        assertThat(distinct.counts()).extracting("inserted", "updated", "duplicates").containsExactly(2L, 1L, 0L);

        LoadOutcome repeated = loads.load("q.csv", "day,n,v\n2026-11-11,2,first\n2026-11-01,12,a\n2026-11-11,2,last\n");
        assertThat(repeated.status()).as(repeated.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(repeated.counts()).extracting("unchanged", "updated", "duplicates").containsExactly(1L, 1L, 1L);
        assertThat(TestDatabase.rows("SELECT day, n, v FROM proven_pair ORDER BY day, n")).containsExactly(
                List.of("2026-11-01", "1", "c"), List.of("2026-11-01", "12", "a"), List.of("2026-11-11", "2", "last"));
    }
}
