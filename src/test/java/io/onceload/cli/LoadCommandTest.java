package io.onceload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.testing.Cli;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: same code path as the service, one line per file, exit status for scripts. */
class LoadCommandTest {

    private static final Path ORDERS = Path.of("examples/orders.csv").toAbsolutePath();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path home;

    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        Orders.reset();
        Files.createDirectories(home.resolve("routes"));
        Files.copy(Path.of("routes/orders.camel.yaml"), home.resolve("routes/orders.camel.yaml"));
        Cli.configure(home);
    }

    private int run(String... args) {
        Cli result = Cli.run(home, args);
        out = result.out();
        err = result.err();
        return result.status();
    }

    @Test
    void loadTwicePrintsPublishedThenSkippedAndLeavesTheFileInPlace() {
        assertThat(run("load", "orders", ORDERS.toString())).as(err).isZero();
        assertThat(out.strip()).matches("orders.csv: published — 100 inserted, 0 updated, 0 unchanged, 0 rejected"
                + " \\(run " + UUID + "\\)");
        String runId = out.replaceAll("(?s).*\\(run (" + UUID + ")\\).*", "$1");

        assertThat(run("load", "orders", ORDERS.toString())).isZero();
        assertThat(out.strip()).matches("orders.csv: skipped — already loaded as run " + runId
                + " \\(sha256 [0-9a-f]{64}\\)");
        assertThat(Orders.count()).isEqualTo(100);
        assertThat(Files.exists(ORDERS)).isTrue();
        assertThat(TestDatabase.rows("SELECT trigger, status FROM onceload.run ORDER BY started_at"))
                .containsExactly(List.of("cli", "published"), List.of("cli", "skipped"));
    }

    @Test
    void jsonPrintsOneParsableObjectPerFileAndAFailureExitsOne() throws Exception {
        Path bad = Files.writeString(home.resolve("bad.csv"), "order_id,nope\n1,2\n");
        assertThat(run("load", "--json", "orders", ORDERS.toString(), bad.toString())).isEqualTo(1);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(2);
        JsonNode ok = lines.get(0);
        assertThat(ok.get("file").asText()).isEqualTo("orders.csv");
        assertThat(ok.get("pipeline").asText()).isEqualTo("orders");
        assertThat(ok.get("status").asText()).isEqualTo("published");
        assertThat(ok.get("sha256").asText()).hasSize(64);
        assertThat(ok.get("run_id").asText()).matches(UUID);
        assertThat(ok.get("inserted").asLong()).isEqualTo(100);
        assertThat(ok.get("updated").asLong()).isZero();
        assertThat(ok.get("unchanged").asLong()).isZero();
        assertThat(ok.get("rejected").asLong()).isZero();
        assertThat(ok.get("error").isNull()).isTrue();
        assertThat(lines.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(lines.get(1).get("error").asText()).contains("'nope' matches no column");
    }

    @Test
    void adHocLoadIntoATableIsAnIdempotentCopy() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.cities",
                "CREATE TABLE public.cities (name text, country text, people int)");
        Path file = Files.writeString(home.resolve("cities.csv"), "name,country,people\nBern,CH,134000\nWien,AT,2000000\n");
        assertThat(run("load", "--table", "cities", "--key", "name,country", file.toString())).as(err).isZero();
        assertThat(out).contains("published — 2 inserted");
        assertThat(run("load", "--table", "cities", "--key", "name,country", file.toString())).isZero();
        assertThat(out).contains("skipped");
        assertThat(TestDatabase.count("SELECT count(*) FROM cities")).isEqualTo(2);

        assertThat(run("load", "--table", "cities", file.toString())).isEqualTo(1);
        assertThat(err).contains("table public.cities has no primary key");
    }

    @Test
    void aMissingFileOrUnknownPipelineIsAnError() {
        assertThat(run("load", "orders", home.resolve("nope.csv").toString())).isEqualTo(1);
        assertThat(out).contains("nope.csv: failed — no such file");
        assertThat(run("load", "nosuch", ORDERS.toString())).isNotZero();
        assertThat(err).contains("no pipeline 'nosuch'; declared pipelines: orders");
    }

    @Test
    void queryPrintsATable() {
        assertThat(run("load", "orders", ORDERS.toString())).isZero();
        assertThat(run("query", "select count(*), sum(total_amount) from orders")).as(err).isZero();
        assertThat(out).contains("count | sum", "100   | 139138.88", "(1 row)");
        assertThat(run("query", "delete from orders")).isEqualTo(1);
        assertThat(err).contains("read-only transaction");
        assertThat(run("query", "commit; delete from orders")).isEqualTo(2);
        assertThat(err).contains("exactly one SQL statement, found 2");
        assertThat(run("query", "set transaction read write; insert into orders select * from orders")).isEqualTo(2);
        // one statement that turns read-only off for itself still meets the role's missing privilege
        assertThat(run("query", "with w as (select set_config('default_transaction_read_only', 'off', false))"
                + " select * from w")).as(err).isZero();
        assertThat(run("query", "select current_user, pg_has_role(current_user, 'pg_write_all_data', 'member')"))
                .isZero();
        assertThat(out).contains("onceload_reader | f");
        assertThat(run("query", "copy (select 1) to program 'touch /tmp/onceload-query-wrote'")).isEqualTo(1);
        assertThat(err).contains("permission denied");
        assertThat(run("query", "select 'a;b' as \"x;y\" -- ; delete")).as(err).isZero();
        assertThat(Orders.count()).isEqualTo(100);
    }

    @Test
    void anAdHocLoadDoesNotMakeThePipelineSkipTheFile() {
        assertThat(run("load", "--table", "orders", ORDERS.toString())).as(err).isZero();
        assertThat(out).contains("published — 100 inserted");
        assertThat(run("load", "orders", ORDERS.toString())).as(err).isZero();
        assertThat(out).contains("published — 0 inserted, 0 updated, 100 unchanged");
    }

    @Test
    void modeFlagSelectsTheAdHocModeAndListsTheValidOnes() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.cities",
                "CREATE TABLE public.cities (name text PRIMARY KEY, people int)");
        Path first = Files.writeString(home.resolve("c1.csv"), "name,people\nBern,1\nWien,2\n");
        Path second = Files.writeString(home.resolve("c2.csv"), "name,people\nBern,100\nRom,3\n");
        assertThat(run("load", "--table", "cities", "--mode", "insert-only", first.toString())).as(err).isZero();
        assertThat(run("load", "--table", "cities", "--mode", "insert-only", "--json", second.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(out.strip());
        assertThat(json.get("inserted").asLong()).isEqualTo(1);
        assertThat(json.get("ignored").asLong()).isEqualTo(1);
        assertThat(TestDatabase.scalar("SELECT people FROM cities WHERE name = 'Bern'")).isEqualTo("1");

        Path third = Files.writeString(home.resolve("c3.csv"), "name,people\nWien,2\nBern,1\n");
        assertThat(run("load", "--table", "cities", "--mode", "replace", third.toString())).isZero();
        assertThat(out).contains("published — 0 inserted, 0 updated, 2 unchanged, 0 rejected, 1 deleted");

        assertThat(run("load", "--table", "cities", "--mode", "merge", first.toString())).isNotZero();
        assertThat(err).contains("pipeline 'adhoc-public-cities': mode must be one of upsert, insert-only,"
                + " replace-partitions, replace, was 'merge'");
    }

    @Test
    void reprocessLoadsKnownContentAgainWithoutRewritingARow() {
        assertThat(run("load", "orders", ORDERS.toString())).isZero();
        List<List<String>> versions = Orders.versions();
        assertThat(run("load", "--reprocess", "orders", ORDERS.toString())).as(err).isZero();
        assertThat(out).contains("published — 0 inserted, 0 updated, 100 unchanged, 0 rejected");
        assertThat(Orders.versions()).isEqualTo(versions);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(DISTINCT run_id) FROM onceload.run WHERE status = 'published'"))
                .isEqualTo(2);
    }
}
