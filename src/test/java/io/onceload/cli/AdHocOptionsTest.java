package io.onceload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.config.PipelineParameter;
import io.onceload.testing.Cli;
import io.onceload.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load --table} takes every pipeline parameter that shapes one load, validated as in a pipeline file. */
class AdHocOptionsTest {

    @TempDir
    Path home;

    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(home.resolve("routes"));
        Cli.configure(home);
    }

    private int run(String... args) {
        Cli result = Cli.run(home, args);
        out = result.out();
        err = result.err();
        return result.status();
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.strip());
    }

    @Test
    void everyAdHocParameterIsAnOptionListedInHelp() {
        assertThat(run("load", "--help")).isZero();
        for (PipelineParameter parameter : PipelineParameter.values()) {
            if (parameter.adHoc()) {
                assertThat(out).as(parameter.key()).contains("--" + parameter.key() + "=");
            } else if (parameter != PipelineParameter.TABLE && parameter != PipelineParameter.INBOX) {
                // --table names the table and the ad-hoc pipeline; --inbox is every command's inbox root
                assertThat(out).as(parameter.key()).doesNotContain("--" + parameter.key() + "=");
            }
        }
        assertThat(PipelineParameter.values()).filteredOn(PipelineParameter::adHoc).extracting(PipelineParameter::key)
                .containsExactly("key", "delimiter", "encoding", "batch-size", "max-rejects", "header-mapping", "mode",
                        "partition-column", "version-column", "watermark-column", "record-id-column", "hash-columns",
                        "post-verify");
    }

    @Test
    void versionWatermarkRejectsDelimiterEncodingAndHeaderMappingWorkAdHoc() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.prices_adhoc",
                "CREATE TABLE public.prices_adhoc (sku text PRIMARY KEY, label text, price numeric(8,2),"
                        + " updated_at int NOT NULL)");
        Path newer = Files.write(home.resolve("newer.tsv"), "Artikel\tlabel\tprice\tupdated_at\na\tcaf\u00e9\t3.00\t20\nb\tx\t1.00\t20\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        String[] options = {"load", "--table", "prices_adhoc", "--delimiter", "tab", "--encoding", "ISO-8859-1",
            "--header-mapping", "Artikel=sku", "--version-column", "updated_at", "--max-rejects", "1",
            "--batch-size", "1", "--json"};
        assertThat(run(concat(options, newer.toString()))).as(err).isZero();
        assertThat(json().get("inserted").asLong()).isEqualTo(2);
        assertThat(TestDatabase.scalar("SELECT label FROM prices_adhoc WHERE sku = 'a'")).isEqualTo("caf\u00e9");

        Path older = Files.write(home.resolve("older.tsv"), "Artikel\tlabel\tprice\tupdated_at\na\told\t2.00\t10\nb\tx\tbad\t30\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(run(concat(options, older.toString()))).as(err).isZero();
        JsonNode older1 = json();
        assertThat(older1.get("stale").asLong()).isEqualTo(1);
        assertThat(older1.get("rejected").asLong()).isEqualTo(1);
        assertThat(older1.get("rows_read").asLong()).isEqualTo(2);
        assertThat(TestDatabase.rows("SELECT sku, price::text FROM prices_adhoc ORDER BY sku"))
                .containsExactly(List.of("a", "3.00"), List.of("b", "1.00"));
    }

    @Test
    void contentHashAndWatermarkCountsAreInTheJson() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.clicks_adhoc",
                "CREATE TABLE public.clicks_adhoc (rid text NOT NULL, url text, at int NOT NULL)");
        Path clicks = Files.writeString(home.resolve("clicks.csv"), "url,at\n/a,1\n/a,1\n/b,2\n");
        assertThat(run("load", "--table", "clicks_adhoc", "--key", "content-hash", "--record-id-column", "rid",
                "--hash-columns", "url", "--watermark-column", "at", "--json", clicks.toString())).as(err).isZero();
        assertThat(json().get("inserted").asLong()).isEqualTo(2);
        assertThat(json().get("duplicates").asLong()).isEqualTo(1);
        assertThat(TestDatabase.scalar("SELECT count(*) FROM clicks_adhoc WHERE length(rid) = 64")).isEqualTo("2");

        Path later = Files.writeString(home.resolve("later.csv"), "url,at\n/c,1\n/d,3\n");
        assertThat(run("load", "--table", "clicks_adhoc", "--key", "content-hash", "--record-id-column", "rid",
                "--hash-columns", "url", "--watermark-column", "at", "--json", later.toString())).as(err).isZero();
        assertThat(json().get("below_watermark").asLong()).isEqualTo(1);
        assertThat(json().get("inserted").asLong()).isEqualTo(1);
    }

    @Test
    void aBadValueGetsThePipelineFilesMessageAndOptionsNeedTable() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.plain_adhoc", "CREATE TABLE public.plain_adhoc (id int PRIMARY KEY)");
        Path file = Files.writeString(home.resolve("p.csv"), "id\n1\n");
        assertThat(run("load", "--table", "plain_adhoc", "--batch-size", "0", file.toString())).isNotZero();
        assertThat(err).contains("pipeline 'adhoc-public-plain_adhoc': batch-size must be >= 1, was '0'");
        assertThat(run("load", "--table", "plain_adhoc", "--post-verify", "maybe", file.toString())).isNotZero();
        assertThat(err).contains("post-verify", "was 'maybe'");
        assertThat(run("load", "orders", "--max-rejects", "3", file.toString())).isNotZero();
        assertThat(err).contains("--max-rejects go with --table");
        assertThat(TestDatabase.count("SELECT count(*) FROM plain_adhoc")).isZero();
    }

    private static String[] concat(String[] first, String last) {
        String[] all = java.util.Arrays.copyOf(first, first.length + 1);
        all[first.length] = last;
        return all;
    }
}
