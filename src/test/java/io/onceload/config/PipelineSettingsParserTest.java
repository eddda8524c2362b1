package io.onceload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.onceload.table.TableName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineSettingsParserTest {

    @TempDir
    Path inboxRoot;

    /** The declaration of pipeline 'orders' with the given extra key/value pairs. */
    private static Map<String, Object> orders(Object... keyValues) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", "orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put((String) keyValues[i], keyValues[i + 1]);
        }
        return raw;
    }

    private PipelineSettings parse(Map<String, ?> raw) {
        return PipelineSettingsParser.parse(raw, inboxRoot);
    }

    private void assertFails(Map<String, ?> raw, String... messageParts) {
        assertThatThrownBy(() -> parse(raw))
                .isInstanceOf(SettingsException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void onlyANameGivesTheDocumentedDefaults() {
        PipelineSettings settings = parse(orders());

        assertThat(settings.name()).isEqualTo("orders");
        assertThat(settings.table()).isEqualTo(new TableName("public", "orders"));
        assertThat(settings.keyColumns()).isEmpty();
        assertThat(settings.inbox()).isEqualTo(inboxRoot.resolve("orders").toAbsolutePath().normalize());
        assertThat(settings.include()).isEqualTo("*.csv");
        assertThat(settings.delimiter()).isEqualTo(',');
        assertThat(settings.encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(settings.batchSize()).isEqualTo(10_000);
        assertThat(settings.maxRejects()).isZero();
        assertThat(settings.headerMapping()).isEmpty();
        assertThat(settings.stableMs()).isEqualTo(1000);
        assertThat(settings.pollMs()).isEqualTo(1000);
    }

    @Test
    void blankValuesMeanTheDefault() {
        PipelineSettings settings = parse(orders("table", " ", "batch-size", "", "encoding", null));

        assertThat(settings.table()).isEqualTo(new TableName("public", "orders"));
        assertThat(settings.batchSize()).isEqualTo(10_000);
        assertThat(settings.encoding()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void explicitValuesAreParsedAndTrimmed() {
        Path inbox = inboxRoot.resolve("elsewhere/../drop");
        PipelineSettings settings = parse(orders("table", " sales.Orders ", "key", "customer_id, order_no",
                "inbox", inbox.toString(), "include", "orders-*.txt", "delimiter", ";", "encoding", "windows-1252",
                "batch-size", 500, "max-rejects", " 25 ", "stable-ms", "0", "poll-ms", "10"));

        assertThat(settings.table()).isEqualTo(new TableName("sales", "Orders"));
        assertThat(settings.keyColumns()).containsExactly("customer_id", "order_no");
        assertThat(settings.inbox()).isEqualTo(inboxRoot.resolve("drop").toAbsolutePath());
        assertThat(settings.include()).isEqualTo("orders-*.txt");
        assertThat(settings.delimiter()).isEqualTo(';');
        assertThat(settings.encoding().name()).isEqualTo("windows-1252");
        assertThat(settings.batchSize()).isEqualTo(500);
        assertThat(settings.maxRejects()).isEqualTo(25);
        assertThat(settings.stableMs()).isZero();
        assertThat(settings.pollMs()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab", "\\t", "\t"})
    void tabDelimiterCanBeSpelledOut(String spelling) {
        assertThat(parse(orders("delimiter", spelling)).delimiter()).isEqualTo('\t');
    }

    @Test
    void headerMappingIsParsedWithSpacesTrimmed() {
        PipelineSettings settings = parse(orders("header-mapping", "Order ID = order_no ; Kunde=customer_id;a=b=c"));

        assertThat(settings.headerMapping()).containsOnly(
                entry("Order ID", "order_no"), entry("Kunde", "customer_id"), entry("a=b", "c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-equals", "=column", "header=", "a=b;;c=d"})
    void malformedHeaderMappingIsRejected(String mapping) {
        assertFails(orders("header-mapping", mapping),
                "pipeline 'orders': header-mapping must be 'CSV header=column' pairs separated by ';'",
                "was '" + mapping + "'");
    }

    @Test
    void unknownParameterNamesPipelineKeyValueAndValidParameters() {
        assertThatThrownBy(() -> parse(orders("batchsize", "500")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("pipeline 'orders': unknown parameter 'batchsize' (value '500'); valid parameters: "
                        + "name, table, key, inbox, include, delimiter, encoding, batch-size, max-rejects, "
                        + "header-mapping, stable-ms, poll-ms, mode, partition-column, version-column, "
                        + "watermark-column, record-id-column, hash-columns, post-verify, schedule, timezone, "
                        + "source, source-db-url, source-db-user, source-db-password, source-query, source-fetch-size, "
                        + "date-format, catchup, deadline, notify, notify-on, notify-format, notify-mail-to,"
                        + " notify-mail-from, notify-attempts, notify-backoff-ms");
    }

    @Test
    void batchSizeZeroNamesPipelineBoundAndValue() {
        assertThatThrownBy(() -> parse(orders("batch-size", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("pipeline 'orders': batch-size must be >= 1, was '0'");
    }

    @Test
    void numbersOutsideTheirBoundsAreRejected() {
        assertFails(orders("batch-size", "10000001"), "batch-size must be <= 10000000, was '10000001'");
        assertFails(orders("max-rejects", "-1"), "max-rejects must be >= 0, was '-1'");
        assertFails(orders("poll-ms", "9"), "poll-ms must be >= 10, was '9'");
        assertFails(orders("stable-ms", "3600001"), "stable-ms must be <= 3600000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "1.5", "1e3", "10 000", "99999999999999999999"})
    void nonNumericNumbersAreRejected(String value) {
        assertFails(orders("batch-size", value),
                "pipeline 'orders': batch-size must be a whole number, was '" + value + "'");
    }

    @Test
    void unknownEncodingListsExamples() {
        assertFails(orders("encoding", "utf-9"), "pipeline 'orders': encoding must be a charset this JVM supports",
                "UTF-8", "ISO-8859-1", "windows-1252", "was 'utf-9'");
        assertFails(orders("encoding", "not a charset!"), "encoding must be a charset", "was 'not a charset!'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Orders", "1orders", "or ders", "orders.csv", "ä"})
    void badNameIsRejectedWithThePattern(String name) {
        assertFails(Map.of("name", name), "name must match [a-z][a-z0-9_-]{0,62}", "was '" + name + "'");
    }

    @Test
    void missingNameIsRejected() {
        assertFails(Map.of("table", "orders"), "name must match", "was ''");
        assertFails(Map.of("name", "a".repeat(64)), "name must match");
        assertThat(parse(Map.of("name", "a".repeat(63))).name()).hasSize(63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";;", "\"", "\n", "\r", "ab"})
    void badDelimiterIsRejected(String delimiter) {
        assertFails(orders("delimiter", delimiter),
                "pipeline 'orders': delimiter must be one character other than a quote or line break, or 'tab'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales.", ".orders", "a.b.c"})
    void badTableIsRejected(String table) {
        assertFails(orders("table", table), "table must be <table> or <schema>.<table>", "was '" + table + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub/*.csv", "..\\*.csv", ".hidden*"})
    void includeMayNotLeaveTheInbox(String glob) {
        assertFails(orders("include", glob), "include must be file-name globs");
    }

    @Test
    void badKeyListIsRejected() {
        assertFails(orders("key", "a,,b"), "key must be a comma-separated list of column names", "was 'a,,b'");
    }

    @Test
    void modesAndTheirOptionsAreCheckedTogether() {
        assertFails(orders("mode", "merge"),
                "pipeline 'orders': mode must be one of upsert, insert-only, replace-partitions, replace, was 'merge'");
        assertFails(orders("mode", "replace-partitions"), "partition-column is required with mode replace-partitions");
        assertFails(orders("partition-column", "day"), "partition-column is only valid with mode replace-partitions");
        assertFails(orders("hash-columns", "a,b"), "hash-columns is only valid with key: content-hash");
        assertFails(orders("post-verify", "yes"), "post-verify must be one of true, false, was 'yes'");
        assertFails(orders("mode", "replace", "watermark-column", "updated_at"),
                "watermark-column cannot be combined with mode replace (valid with upsert, insert-only)");
        assertFails(orders("mode", "replace", "version-column", "updated_at"),
                "version-column cannot be combined with mode replace");
        assertFails(orders("mode", "replace", "max-rejects", "3"),
                "pipeline 'orders': max-rejects must be 0 with mode replace: a rejected row would be deleted");
        var rules = PipelineSettingsParser.parse(Map.of("name", "orders", "key", "content-hash",
                "hash-columns", "a, b"), Path.of("inbox")).rules();
        assertThat(rules.recordIdColumn()).isEqualTo("record_id");
        assertThat(rules.hashColumns()).containsExactly("a", "b");
    }
}
