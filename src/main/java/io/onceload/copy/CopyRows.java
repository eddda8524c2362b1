package io.onceload.copy;

import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of one COPY, written in PostgreSQL's binary format when every column has a binary form here and in its
 * text format otherwise. Values arrive as {@link io.onceload.table.ValueConverter}'s canonical text either way.
 */
public interface CopyRows {

    /** Kinds whose binary form {@link BinaryValue} writes exactly as the server's text input would read them. */
    Set<ColumnKind> BINARY_KINDS = EnumSet.of(ColumnKind.SMALLINT, ColumnKind.INTEGER, ColumnKind.BIGINT,
            ColumnKind.NUMERIC, ColumnKind.REAL, ColumnKind.DOUBLE, ColumnKind.BOOLEAN, ColumnKind.DATE,
            ColumnKind.TIMESTAMP, ColumnKind.TIMESTAMPTZ, ColumnKind.UUID, ColumnKind.TEXT, ColumnKind.VARCHAR,
            ColumnKind.CHAR);

    /**
     * Binary only when every column qualifies: the server reads the text of {@code name} and {@code citext}
     * columns, which the TEXT kind also covers, with other rules than {@code text}, and has no common binary form
     * for the rest (json, arrays, enums, domains).
     */
    static boolean binary(List<Column> columns) {
        return columns.stream().allMatch(c -> BINARY_KINDS.contains(c.kind())
                && (c.kind() != ColumnKind.TEXT || c.sqlType().equals("text")));
    }

    /** One row; {@code values} line up with the columns the stream was opened for, null being SQL NULL. */
    default void row(String[] values) throws IOException {
        row(values, null, null);
    }

    /**
     * One row, whose leading columns may have been read already: where {@code typed[i]} is not
     * {@link TypedField#NONE}, {@code parsed[i]} is the value it read (the binary format writes that; the text
     * format writes {@code values[i]}, the same value spelled canonically). Null arrays: nothing was read.
     */
    void row(String[] values, TypedField[] typed, long[] parsed) throws IOException;

    /** Hands the rows so far to the server. */
    void flush() throws IOException;

    /** Ends the data (the binary trailer) and flushes; the caller then ends the COPY. */
    void finish() throws IOException;
}
