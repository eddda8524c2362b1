package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record ids: equal PostgreSQL values give equal ids, different records never collide on a separator. */
class RecordIdTest {

    private static final Column ID = new Column("record_id", ColumnKind.UUID, "uuid", -1, -1, -1, true, false, false);

    private static Column column(String name, ColumnKind kind) {
        return new Column(name, kind, kind.name().toLowerCase(), kind == ColumnKind.CHAR ? 3 : -1, -1, -1, false,
                false, false);
    }

    private static String id(List<Column> columns, String... values) {
        return RecordId.of(columns, values, java.util.stream.IntStream.range(0, values.length).boxed().toList(), ID);
    }

    @Test
    void aValueContainingTheOldSeparatorCannotImitateTwoValues() {
        List<Column> text = List.of(column("a", ColumnKind.TEXT), column("b", ColumnKind.TEXT));
        assertThat(id(text, "x\u001f", "y")).isNotEqualTo(id(text, "x", "\u001fy"));
        assertThat(id(text, null, "")).isNotEqualTo(id(text, "", null));
    }

    @Test
    void valuesPostgresqlConsidersEqualHashEqual() {
        List<Column> number = List.of(column("n", ColumnKind.NUMERIC));
        assertThat(id(number, "1.5")).isEqualTo(id(number, "1.50"));
        List<Column> dbl = List.of(column("d", ColumnKind.DOUBLE));
        assertThat(id(dbl, "1")).isEqualTo(id(dbl, "1.0"));
        List<Column> real = List.of(column("r", ColumnKind.REAL));
        assertThat(id(real, "0.1")).isEqualTo(id(real, "0.10000000001"));
        List<Column> chr = List.of(column("c", ColumnKind.CHAR));
        assertThat(id(chr, "ab")).isEqualTo(id(chr, "ab "));
        assertThat(id(number, "1.5")).isNotEqualTo(id(number, "1.6"));
    }

    @Test
    void aUuidColumnGetsAUuidAndATextColumnTheHexDigest() {
        List<Column> text = List.of(column("a", ColumnKind.TEXT));
        assertThat(id(text, "x")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        Column hex = new Column("record_id", ColumnKind.TEXT, "text", -1, -1, -1, true, false, false);
        assertThat(RecordId.of(text, new String[] {"x"}, List.of(0), hex)).matches("[0-9a-f]{64}");
    }
}
