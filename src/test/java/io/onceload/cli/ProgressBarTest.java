package io.onceload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.load.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The terminal bar: what one line shows, and that quick loads draw nothing. */
class ProgressBarTest {

    private final StringWriter terminal = new StringWriter();
    private final ProgressBar bar = new ProgressBar(new PrintWriter(terminal));

    private static Progress snapshot(long rows, long bytesRead, Duration elapsed) {
        return new Progress("orders", "o.csv", rows, bytesRead, 63_000_000, elapsed);
    }

    @Test
    void rendersFilledShareRowsAndRate() {
        assertThat(ProgressBar.render(snapshot(450_000, 28_350_000, Duration.ofMillis(2500))))
                .isEqualTo("[#############.................]  45%  450,000 rows  180,000 rows/s");
        assertThat(ProgressBar.render(snapshot(0, 0, Duration.ZERO)))
                .isEqualTo("[..............................]   0%  0 rows  0 rows/s");
        assertThat(ProgressBar.render(snapshot(1_000_000, 63_000_000, Duration.ofSeconds(4))))
                .isEqualTo("[##############################] 100%  1,000,000 rows  250,000 rows/s");
    }

    @Test
    void aLoadQuickerThanASecondDrawsNothingNotEvenItsEnd() {
        bar.progress(snapshot(10, 100, Duration.ofMillis(200)));
        bar.progress(snapshot(20, 63_000_000, Duration.ofMillis(999)));
        bar.finish();

        assertThat(terminal.toString()).isEmpty();
    }

    @Test
    void drawsInPlaceOverwritesALongerLineAndEndsWithANewline() {
        bar.progress(snapshot(10, 100, Duration.ofMillis(900)));
        bar.progress(snapshot(1_000_000, 31_500_000, Duration.ofSeconds(1)));
        bar.progress(snapshot(5, 0, Duration.ofSeconds(2)));
        bar.finish();
        bar.finish();

        String first = "[###############...............]  50%  1,000,000 rows  1,000,000 rows/s";
        String second = "[..............................]   0%  5 rows  2 rows/s";
        assertThat(terminal.toString()).isEqualTo("\r" + first + "\r" + second
                + " ".repeat(first.length() - second.length()) + System.lineSeparator());
    }
}
