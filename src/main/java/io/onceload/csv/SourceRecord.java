package io.onceload.csv;

import java.io.StringWriter;

/**
 * One parsed CSV record.
 *
 * @param line the 1-based line the record starts on (quoted line breaks count)
 * @param fields values; {@code null} is an unquoted empty field, {@code ""} a quoted one
 */
public record SourceRecord(long line, String[] fields) {

    /** The record written back as one CSV line, for the rejects file. */
    public String raw(char delimiter) {
        StringWriter out = new StringWriter();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            String field = fields[i];
            if (field == null) {
                continue;
            }
            boolean quote = field.isEmpty() || field.indexOf(delimiter) >= 0 || field.indexOf('"') >= 0
                    || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
            out.append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        return out.toString();
    }
}
