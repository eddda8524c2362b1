package io.onceload.load;

import java.time.Duration;
import java.util.Locale;

/**
 * How far the reading of one file has come.
 *
 * @param bytesRead bytes taken from the file so far; runs ahead of {@code rows} by what the reader buffers
 * @param elapsed since this reading of the file began
 */
public record Progress(String pipeline, String file, long rows, long bytesRead, long totalBytes, Duration elapsed) {

    /** Rows per second since reading began; 0 before any time has passed. */
    public long rowsPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : (long) (rows * 1e9 / nanos);
    }

    /** Whole percent of the file's bytes read, 0 to 100; 100 for an empty file. */
    public int percent() {
        if (totalBytes <= 0) {
            return 100;
        }
        // a file growing while read can pass its first size; the checksum check fails such a load anyway
        return (int) Math.min(100, bytesRead * 100 / totalBytes);
    }

    /** The log line, e.g. {@code orders: orders-2026-11-23.csv 450,000 rows, 180,000 rows/s, 45% of 63 MB}. */
    public String logLine() {
        return pipeline + ": " + file + " " + grouped(rows) + " rows, " + grouped(rowsPerSecond()) + " rows/s, "
                + percent() + "% of " + size(totalBytes);
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Decimal units, as file managers show them; one decimal below 10 so small files do not read as 0. */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        String number = unit > 0 && value < 10 ? String.format(Locale.ROOT, "%.1f", value)
                : Long.toString(Math.round(value));
        return number + " " + units[unit];
    }
}
