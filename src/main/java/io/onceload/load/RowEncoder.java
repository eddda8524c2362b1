package io.onceload.load;

import io.onceload.copy.CopyRows;
import io.onceload.copy.TypedField;
import io.onceload.csv.SourceRecord;
import io.onceload.ledger.RunRecord;
import io.onceload.table.BadValueException;
import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import io.onceload.table.LoadSql;
import io.onceload.table.StageShape;
import io.onceload.table.TableException;
import io.onceload.table.ValueConverter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one CSV record into one COPY row of the staging table, in {@link StageShape#staged()} order plus the
 * source line, or writes it to the rejects file with the column and the reason.
 */
final class RowEncoder {

    /** The staging table's own column: the record's line in the file. */
    static final Column LINE = new Column(LoadSql.LINE, ColumnKind.BIGINT, "bigint", -1, -1, -1, true, false, false);

    private final StageShape shape;
    private final SourceRecord header;
    /** Per file column: why a NULL there cannot be matched or ordered, or null when NULL is fine. */
    private final String[] nullReason;
    /** Per file column: the role (version, watermark) that makes it ordered, so it must be finite; else null. */
    private final String[] orderedRole;
    private final List<Column> columns;
    /** Canonical metadata values, the same for every row; null where the value is the row's line number. */
    private final String[] metadata;
    private final int sourceLine;
    private final String[] converted;
    /** Per file column: its typed reading when the rows go out in the binary format, else NONE. */
    private final TypedField[] typing;
    /** Per file column, this row: the reading that took the field, or NONE; and the value it read. */
    private final TypedField[] typed;
    private final long[] parsed;
    private final String[] row;
    private final boolean withLine;
    /** Null on the direct path, where the target's unique index tells duplicates, or for keys it cannot prove. */
    private final DistinctKeys keys;

    /** @param withLine append the source line (the staging table has that column, the target does not) */
    RowEncoder(StageShape shape, SourceRecord header, RunRecord run, boolean withLine) {
        this.shape = shape;
        this.withLine = withLine;
        this.header = header;
        List<Column> fileColumns = shape.fileColumns();
        this.nullReason = new String[fileColumns.size()];
        this.orderedRole = new String[fileColumns.size()];
        this.converted = new String[fileColumns.size()];
        for (int i = 0; i < fileColumns.size(); i++) {
            Column column = fileColumns.get(i);
            nullReason[i] = shape.key().contains(column) ? "null in key column"
                    : column.equals(shape.version()) ? "null in version column"
                    : column.equals(shape.partition()) ? "null in partition column"
                    : column.equals(shape.watermark()) ? "null in watermark column" : null;
            orderedRole[i] = column.equals(shape.version()) ? "version" : column.equals(shape.watermark())
                    ? "watermark" : null;
        }
        this.metadata = new String[shape.metadata().size()];
        int line = -1;
        for (int i = 0; i < metadata.length; i++) {
            Column column = shape.metadata().get(i);
            switch (column.name()) {
                case "_source_file" -> metadata[i] = canonical(column, run.fileName());
                case "_run_id" -> metadata[i] = canonical(column, run.runId().toString());
                case "_logical_date" -> metadata[i] = canonical(column, run.logicalDate().toString());
                default -> line = i;
            }
        }
        this.sourceLine = line;
        List<Column> all = new ArrayList<>(shape.staged());
        if (withLine) {
            all.add(LINE);
        }
        this.columns = List.copyOf(all);
        this.row = new String[columns.size()];
        this.keys = withLine ? DistinctKeys.of(columns, shape.key()) : null;
        boolean binary = CopyRows.binary(columns);
        this.typing = new TypedField[fileColumns.size()];
        for (int i = 0; i < typing.length; i++) {
            typing[i] = binary ? TypedField.of(fileColumns.get(i)) : TypedField.NONE;
        }
        this.typed = new TypedField[fileColumns.size()];
        this.parsed = new long[fileColumns.size()];
    }

    /** True when every row encoded had a key no other row had, as far as Java can prove it. */
    boolean keysProvenDistinct() {
        return keys != null && keys.proven();
    }

    /** The columns of every row, in order: what the COPY names. */
    List<Column> columns() {
        return columns;
    }

    /** Checked like a file's value, so the binary and text formats store the same, or neither does. */
    private static String canonical(Column column, String value) {
        try {
            return ValueConverter.convert(column, value);
        } catch (BadValueException e) {
            throw new TableException("column " + column.name() + " cannot hold onceload's metadata: " + e.getMessage());
        }
    }

    /** NaN and ±Infinity, as {@link ValueConverter} spells them for float columns. */
    private static boolean nonFinite(String canonical) {
        return canonical != null && (canonical.equals("NaN") || canonical.endsWith("Infinity"));
    }

    /** Writes the record's row to {@code out}, or the record to the rejects file. */
    void encode(SourceRecord record, RejectsFile rejects, CopyRows out) throws IOException {
        String[] fields = record.fields();
        List<Column> fileColumns = shape.fileColumns();
        if (fields.length != fileColumns.size()) {
            rejects.reject(record, "", "expected " + fileColumns.size() + " fields, found " + fields.length);
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            if (typing[i].read(fields[i], parsed, i)) {
                // canonical already: the converter would return it as it is, and a number is never NaN
                typed[i] = typing[i];
                converted[i] = fields[i];
                continue;
            }
            typed[i] = TypedField.NONE;
            if (fields[i] == null && nullReason[i] != null) {
                rejects.reject(record, header.fields()[i], nullReason[i]);
                return;
            }
            try {
                converted[i] = ValueConverter.convert(fileColumns.get(i), fields[i]);
            } catch (BadValueException e) {
                rejects.reject(record, header.fields()[i], e.getMessage());
                return;
            }
            if (orderedRole[i] != null && nonFinite(converted[i])) {
                // PostgreSQL sorts NaN above every number: one such value would win every comparison from then on
                rejects.reject(record, header.fields()[i], converted[i] + " is not a valid " + orderedRole[i]
                        + ": a " + orderedRole[i] + " must be a finite value");
                return;
            }
        }
        int at = converted.length;
        System.arraycopy(converted, 0, row, 0, at);
        if (shape.recordId() != null) {
            row[at++] = RecordId.of(fileColumns, converted, shape.hashed(), shape.recordId());
        }
        // printed only where a column takes it: the direct path with no _source_line has none
        String line = withLine || sourceLine >= 0 ? Long.toString(record.line()) : null;
        for (int i = 0; i < metadata.length; i++) {
            row[at++] = i == sourceLine ? canonical(shape.metadata().get(i), line) : metadata[i];
        }
        if (withLine) {
            row[at] = line;
        }
        out.row(row, typed, parsed);
        if (keys != null) {
            keys.add(row);
        }
    }
}
