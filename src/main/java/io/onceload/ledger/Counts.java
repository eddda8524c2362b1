package io.onceload.ledger;

/**
 * What one load wrote, as stored with its run.
 *
 * @param rowsRead data records in the file (header excluded)
 * @param duplicates earlier lines of a key that a later line of the same file replaced
 */
public record Counts(long rowsRead, long inserted, long updated, long unchanged, long rejected, long duplicates) {

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
}
