package io.onceload.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short run of the kill -9 soak (bench/soak-kill.sh runs the long one): every trial must leave the tables as one
 * clean run. At 50k rows instead of 200k, and with C1-only service JVMs, which start in half the time: JVM start-up,
 * not the load, is most of a trial on 2 cores; the kill window is measured under the same settings.
 */
class KillSoakTest {

    @Test
    void tenRandomKillsDuringLoadsLeaveTheTablesAsOneCleanRun() throws Exception {
        long seed = System.nanoTime();
        KillSoak soak = new KillSoak(Path.of("target/kill-soak-test"),
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), 50_000, seed, System.out);

        KillSoak.Result result = soak.run(10);

        assertThat(result.failed()).as("failed trials (seed %d), kept in %s; see the test's output", seed,
                result.kept()).isZero();
    }
}
