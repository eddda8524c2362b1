package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Throttling on an injected clock: nothing before an interval is up, one snapshot per interval after. */
class ProgressMeterTest {

    private long now = 1_000_000_000L;
    private final List<Progress> heard = new ArrayList<>();
    private final List<Progress> logged = new ArrayList<>();
    private final ProgressMeter meter = new ProgressMeter("orders", "o.csv", 1000, heard::add,
            new ProgressMeter.Cadence(4, Duration.ofMillis(200), Duration.ofSeconds(5), () -> now), logged::add);

    /** Moves the clock to {@code millis} after the meter began and checks with that many rows. */
    private void at(long millis) {
        now = 1_000_000_000L + millis * 1_000_000;
        meter.check(millis, millis / 10);
    }

    private static List<Long> rows(List<Progress> snapshots) {
        return snapshots.stream().map(Progress::rows).toList();
    }

    @Test
    void theLoopLooksAtTheClockEveryFewRowsOnly() {
        assertThat(meter.due(4)).isTrue();
        assertThat(meter.due(8192)).isTrue();
        assertThat(meter.due(5)).isFalse();
        assertThat(meter.due(6)).isFalse();
    }

    @Test
    void listenerHearsNothingBeforeTheIntervalThenOncePerInterval() {
        at(0);
        at(100);
        at(199);
        assertThat(heard).isEmpty();

        at(200);
        at(250);
        at(399);
        at(400);
        assertThat(rows(heard)).containsExactly(200L, 400L);
        assertThat(heard.get(0).elapsed()).isEqualTo(Duration.ofMillis(200));
        assertThat(heard.get(0).bytesRead()).isEqualTo(20);
        assertThat(heard.get(0).totalBytes()).isEqualTo(1000);
    }

    @Test
    void aStallOwesNoBurstAndKeepsTheBeat() {
        at(200);
        at(1050);
        at(1100);
        at(1199);
        at(1200);
        assertThat(rows(heard)).containsExactly(200L, 1050L, 1200L);
    }

    @Test
    void shortReadsLogNothingLongOnesEveryFiveSeconds() {
        for (long millis = 0; millis < 5000; millis += 50) {
            at(millis);
        }
        assertThat(logged).isEmpty();

        for (long millis = 5000; millis <= 15_000; millis += 50) {
            at(millis);
        }
        assertThat(rows(logged)).containsExactly(5000L, 10_000L, 15_000L);
        assertThat(heard).hasSize(75);
    }

    @Test
    void theEndIsHeardAtOnceButNotLogged() {
        at(10);
        meter.end(42, 1000);

        assertThat(heard).singleElement().satisfies(p -> {
            assertThat(p.rows()).isEqualTo(42);
            assertThat(p.bytesRead()).isEqualTo(1000);
            assertThat(p.elapsed()).isEqualTo(Duration.ofMillis(10));
        });
        assertThat(logged).isEmpty();
    }

    @Test
    void beginningAgainRestartsClockAndIntervals() {
        at(300);
        at(5000);
        assertThat(heard).hasSize(2);
        assertThat(logged).hasSize(1);

        meter.begin();
        now += 199_000_000;
        meter.check(7, 7);
        assertThat(heard).hasSize(2);
        now += 1_000_000;
        meter.check(8, 8);
        assertThat(heard).hasSize(3);
        assertThat(heard.get(2).elapsed()).isEqualTo(Duration.ofMillis(200));
        now += 4_700_000_000L;
        meter.check(9, 9);
        assertThat(logged).hasSize(1);
    }

    @Test
    void aZeroIntervalPassesEveryCheck() {
        List<Progress> all = new ArrayList<>();
        ProgressMeter eager = new ProgressMeter("p", "f", 10, all::add,
                new ProgressMeter.Cadence(1, Duration.ZERO, Duration.ofSeconds(5), () -> now));
        eager.check(1, 1);
        eager.check(2, 2);
        eager.check(3, 3);
        assertThat(rows(all)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void rowsBetweenChecksMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new ProgressMeter.Cadence(1000, Duration.ZERO, Duration.ZERO, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProgressMeter.Cadence(0, Duration.ZERO, Duration.ZERO, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
