package io.onceload.load;

import io.onceload.ledger.RunRecord;
import io.onceload.table.BadValueException;
import io.onceload.table.Column;
import io.onceload.table.StageShape;
import io.onceload.table.ValueConverter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one CSV record into one COPY line of the staging table, in {@link StageShape#staged()} order plus the
 * source line, or writes it to the rejects file with the column and the reason.
 */
final class RowEncoder {

    private final StageShape shape;
    private final SourceRecord header;
    /** Per file column: why a NULL there cannot be matched or ordered, or null when NULL is fine. */
    private final String[] nullReason;
    /** Per metadata column: its value for every row of this file; null stands for the row's line number. */
    private final List<String> metadata = new ArrayList<>();
    private final String[] converted;
    private final StringBuilder row = new StringBuilder(256);
    private final boolean withLine;

    /** @param withLine append the source line (the staging table has that column, the target does not) */
    RowEncoder(StageShape shape, SourceRecord header, RunRecord run, boolean withLine) {
        this.shape = shape;
        this.withLine = withLine;
        this.header = header;
        List<Column> columns = shape.fileColumns();
        this.nullReason = new String[columns.size()];
        this.converted = new String[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            nullReason[i] = shape.key().contains(column) ? "null in key column"
                    : column.equals(shape.version()) ? "null in version column"
                    : column.equals(shape.partition()) ? "null in partition column"
                    : column.equals(shape.watermark()) ? "null in watermark column" : null;
        }
        for (Column column : shape.metadata()) {
            metadata.add(switch (column.name()) {
                case "_source_file" -> run.fileName();
                case "_run_id" -> run.runId().toString();
                case "_logical_date" -> run.logicalDate().toString();
                default -> null;
            });
        }
    }

    /** The COPY line including its newline, or null when the record was rejected. */
    String encode(SourceRecord record, RejectsFile rejects) throws IOException {
        String[] fields = record.fields();
        List<Column> columns = shape.fileColumns();
        if (fields.length != columns.size()) {
            rejects.reject(record, "", "expected " + columns.size() + " fields, found " + fields.length);
            return null;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null && nullReason[i] != null) {
                rejects.reject(record, header.fields()[i], nullReason[i]);
                return null;
            }
            try {
                converted[i] = ValueConverter.convert(columns.get(i), fields[i]);
            } catch (BadValueException e) {
                rejects.reject(record, header.fields()[i], e.getMessage());
                return null;
            }
        }
        row.setLength(0);
        for (int i = 0; i < converted.length; i++) {
            if (i > 0) {
                row.append('\t');
            }
            CopyText.append(row, converted[i]);
        }
        if (shape.recordId() != null) {
            row.append('\t').append(RecordId.of(columns, converted, shape.hashed(), shape.recordId()));
        }
        for (String value : metadata) {
            row.append('\t');
            if (value == null) {
                row.append(record.line());
            } else {
                CopyText.append(row, value);
            }
        }
        if (withLine) {
            row.append('\t').append(record.line());
        }
        return row.append('\n').toString();
    }
}
