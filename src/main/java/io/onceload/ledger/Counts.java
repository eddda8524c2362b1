package io.onceload.ledger;

/**
 * What one load wrote, as stored with its run.
 *
 * @param rowsRead data records in the file (header excluded)
 * @param duplicates earlier lines of a key that a later (or newer-version) line of the same file replaced
 * @param ignored insert-only: keys that already existed and were left as they are
 * @param deleted replace modes: target rows the file no longer has
 * @param stale version-column: rows whose stored version is newer than the file's
 * @param belowWatermark watermark-column: rows below the stored watermark, skipped
 */
public record Counts(long rowsRead, long inserted, long updated, long unchanged, long rejected, long duplicates,
                     long ignored, long deleted, long stale, long belowWatermark) {

    public static final Counts NONE = staged(0, 0, 0);

    /** Counts known before publish: nothing written yet. */
    public static Counts staged(long rowsRead, long rejected, long duplicates) {
        return new Counts(rowsRead, 0, 0, 0, rejected, duplicates, 0, 0, 0, 0);
    }
}
