package io.onceload.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a configured table name is read: unquoted parts literally, SQL-quoted parts for dots and leading quotes. */
class TableNameTest {

    private static final List<String> HOSTILE = List.of("orders", "Orders", "a.b", "\"", "\"x\"", "x\"y", " pad ",
            "'; DROP TABLE orders; --", "${header.CamelFileName}", "{{name}}", "$$", "/* */", "оrders", "ü–名",
            "a\nb", "..", ".", "\"\"", "x".repeat(63), "é".repeat(31) + "x");

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "orders|public|orders",
        "sales.Orders|sales|Orders",
        "\"a.b\"|public|a.b",
        "sales.\"my.table\"|sales|my.table",
        "\"s.x\".\"t.y\"|s.x|t.y",
        "\"say \"\"hi\"\"\"|public|say \"hi\"",
        "x\"y|public|x\"y",
        "` sales . orders `|`sales `|` orders`",
        "\" padded \"|public|` padded `",
        "h\"s; --.\"t; DROP TABLE x; --\"|h\"s; --|t; DROP TABLE x; --"})
    void parsesUnquotedPartsLiterallyAndQuotedPartsLikeSql(String text, String schema, String table) {
        assertThat(TableName.parse(text)).isEqualTo(new TableName(schema, table));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "sales.|a name is empty",
        ".orders|a name is empty",
        "\"\"|a name is empty",
        "a.b.c|more than one '.' outside quotes",
        "\"a.b|a quote is not closed",
        "\"a\"b|text follows a closing quote",
        "\"a\" .b|text follows a closing quote"})
    void refusesWhatIsNotOneOrTwoNames(String text, String reason) {
        assertThatThrownBy(() -> TableName.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason);
    }

    @Test
    void aNameOverSixtyThreeBytesIsRefusedWhereverItsLastCharacterEnds() {
        assertThat(TableName.parse("é".repeat(31) + "x").table()).hasSize(32);
        assertThatThrownBy(() -> TableName.parse("é".repeat(32))).hasMessage("'" + "é".repeat(32)
                + "' is longer than 63 bytes, PostgreSQL's limit for a name");
        assertThatThrownBy(() -> TableName.parse("x".repeat(62) + "名.t")).hasMessageContaining("longer than 63 bytes");
    }

    @Test
    void everyNameReadsBackFromItsOwnText() {
        for (String schema : HOSTILE) {
            for (String table : HOSTILE) {
                TableName name = new TableName(schema, table);
                assertThat(TableName.parse(name.toString())).as(name.toString()).isEqualTo(name);
            }
        }
        assertThat(new TableName("public", "orders")).hasToString("public.orders");
        assertThat(new TableName("sales", "my.table")).hasToString("sales.\"my.table\"");
    }
}
