package io.onceload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark still works end to end, at a tiny size; its timings are not asserted here. */
class BenchmarkSmokeTest {

    @Test
    void everyCaseRunsAndCountsTheRightTuples() throws Exception {
        Path work = Path.of("target/bench-smoke");
        var options = new Benchmark.Options(10_000, 1, false, work, work.resolve("results"), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.onceload.Onceload"));
        Benchmark.Outcome outcome = Benchmark.run(options);
        List<Result> results = outcome.results();

        assertThat(results).extracting(Result::name).containsExactly("first load", "re-drop of the identical file",
                "forced reprocess of identical content", "changed file (1% changed + 1% new)",
                "naive row-by-row INSERT … ON CONFLICT, 10000 rows extrapolated",
                "batched upserts (1000 a batch) of the loaded file, 10000 rows extrapolated",
                "daily delta into 100000 rows (90% new, 10% changed)",
                "daily delta into 100000 rows (90% new, 10% changed)");
        assertThat(results.get(0).inserted()).isEqualTo(10_000);
        assertThat(results.get(1).inserted() + results.get(1).updated()).isZero();
        assertThat(results.get(2).inserted() + results.get(2).updated()).isZero();
        assertThat(results.get(3).inserted()).isEqualTo(100);
        assertThat(results.get(3).updated()).isEqualTo(100);
        assertThat(results.get(6).inserted()).isEqualTo(900);
        assertThat(results.get(6).updated()).isEqualTo(100);
        assertThat(results.get(7).baselineSeconds()).isPositive();
        assertThat(results.get(5).updated()).isEqualTo(10_000);
        assertThat(results).allSatisfy(r -> assertThat(r.seconds()).isPositive());
        Path md = Report.write(work.resolve("results"), results, Benchmark.environment(options, outcome.server()));
        assertThat(Files.readString(md)).contains("| first load | 10000 |");
    }
}
