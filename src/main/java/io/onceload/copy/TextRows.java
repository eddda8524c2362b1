package io.onceload.copy;

import io.onceload.table.Column;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Rows in COPY's text format: tab-separated, {@code \N} for NULL, backslash escapes. */
public final class TextRows implements CopyRows {

    private final Writer out;
    private final StringBuilder row = new StringBuilder(256);
    private final int width;

    public TextRows(OutputStream copy, List<Column> columns) {
        // not closed: closing would flush into the COPY after endCopy() finished it
        this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
        this.width = columns.size();
    }

    @Override
    public void row(String[] values, TypedField[] typed, long[] parsed) throws IOException {
        row.setLength(0);
        for (int i = 0; i < width; i++) {
            if (i > 0) {
                row.append('\t');
            }
            CopyText.append(row, values[i]);
        }
        out.write(row.append('\n').toString());
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
