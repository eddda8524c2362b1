package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The snapshot's arithmetic and its log line, as an operator reads it. */
class ProgressTest {

    private static Progress snapshot(long rows, long bytesRead, long totalBytes, Duration elapsed) {
        return new Progress("orders", "orders-2026-11-23.csv", rows, bytesRead, totalBytes, elapsed);
    }

    @Test
    void logLineShowsRowsRateAndPercentOfSize() {
        Progress p = snapshot(450_000, 28_350_000, 63_000_000, Duration.ofMillis(2500));

        assertThat(p.logLine()).isEqualTo("orders: orders-2026-11-23.csv 450,000 rows, 180,000 rows/s, 45% of 63 MB");
    }

    @Test
    void percentIsFlooredAndCappedAndAnEmptyFileIsDone() {
        assertThat(snapshot(1, 999, 1000, Duration.ofSeconds(1)).percent()).isEqualTo(99);
        assertThat(snapshot(1, 1000, 1000, Duration.ofSeconds(1)).percent()).isEqualTo(100);
        assertThat(snapshot(1, 1500, 1000, Duration.ofSeconds(1)).percent()).isEqualTo(100);
        assertThat(snapshot(0, 0, 0, Duration.ZERO).percent()).isEqualTo(100);
    }

    @Test
    void rateIsRowsOverElapsedAndZeroBeforeTimePasses() {
        assertThat(snapshot(3, 0, 1, Duration.ofMillis(1500)).rowsPerSecond()).isEqualTo(2);
        assertThat(snapshot(5_000_000_000L, 0, 1, Duration.ofSeconds(5)).rowsPerSecond()).isEqualTo(1_000_000_000L);
        assertThat(snapshot(10, 0, 1, Duration.ZERO).rowsPerSecond()).isZero();
    }

    @Test
    void sizesUseDecimalUnitsWithADecimalOnlyBelowTen() {
        assertThat(Progress.size(0)).isEqualTo("0 B");
        assertThat(Progress.size(999)).isEqualTo("999 B");
        assertThat(Progress.size(1_500)).isEqualTo("1.5 kB");
        assertThat(Progress.size(63_400_000)).isEqualTo("63 MB");
        assertThat(Progress.size(2_540_000_000L)).isEqualTo("2.5 GB");
        assertThat(Progress.size(12_000_000_000_000L)).isEqualTo("12 TB");
    }
}
