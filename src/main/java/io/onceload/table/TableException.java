package io.onceload.table;

/** The target table cannot take this pipeline's files: missing, keyless, or a key column is wrong. */
public class TableException extends RuntimeException {
    public TableException(String message) {
        super(message);
    }
}
