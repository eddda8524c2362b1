package io.onceload.bench;

import io.onceload.database.Database;
import io.onceload.database.DatabaseSettings;
import io.onceload.database.EmbeddedServer;
import io.onceload.ledger.Sha256;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The benchmark: every case against its baseline in one run, on the embedded PostgreSQL (or
 * {@code ONCELOAD_DB_URL}). It resets the {@code orders} pipeline, so never point it at a database you care about.
 * Run it with {@code bench/run.sh [rows]}.
 */
public final class Benchmark {

    private final Options options;
    private final Probe probe;
    private final Path props;

    /** @param launcher the command that starts onceload, e.g. {@code java -jar target/onceload.jar} */
    record Options(long rows, int runs, boolean big, Path work, Path results, List<String> launcher) {
    }

    private Benchmark(Options options, Probe probe, Path props) {
        this.options = options;
        this.probe = probe;
        this.props = props;
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        long rows = a.contains("--rows") ? Long.parseLong(a.get(a.indexOf("--rows") + 1)) : 1_000_000;
        int runs = a.contains("--runs") ? Integer.parseInt(a.get(a.indexOf("--runs") + 1)) : 3;
        Options options = new Options(rows, runs, a.contains("--big"), Path.of("bench/work"), Path.of("bench/results"),
                List.of("./onceload"));
        Outcome outcome = run(options);
        Path md = Report.write(options.results(), outcome.results(), environment(options, outcome.server()));
        System.out.println(Files.readString(md));
        System.out.println("written: " + md + " and its .json");
    }

    /** The results and the server's version string. */
    record Outcome(List<Result> results, String server) {
    }

    static String environment(Options options, String server) {
        return "rows " + options.rows() + ", median of " + options.runs() + " runs, " + Runtime.getRuntime()
                .availableProcessors() + " cores, " + (System.getenv(DatabaseSettings.URL) == null
                ? "embedded " : "external (ONCELOAD_DB_URL) ") + "PostgreSQL " + server;
    }

    static Outcome run(Options options) throws Exception {
        Files.createDirectories(options.work().resolve("routes"));
        Files.copy(Path.of("routes/orders.camel.yaml"), options.work().resolve("routes/orders.camel.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DatabaseSettings external = DatabaseSettings.from(System.getenv(), null);
        try (EmbeddedServer embedded = external.isEmbedded() ? EmbeddedServer.startOrJoin(options.work()) : null) {
            DatabaseSettings db = embedded == null ? external : embedded.settings();
            Database.open(db, null, Path.of("migrations")).close();
            Path props = Files.writeString(options.work().resolve("onceload.properties"), "ONCELOAD_DB_URL=" + db.url()
                    + "\nONCELOAD_DB_USER=" + db.user() + (db.password() == null ? "" : "\nONCELOAD_DB_PASSWORD="
                    + db.password()) + "\n");
            Probe probe = new Probe(db);
            probe.execute("DROP TABLE IF EXISTS bench_copy, bench_naive, bench_batched",
                    "CREATE TABLE bench_copy (LIKE public.orders INCLUDING ALL)",
                    "CREATE TABLE bench_naive (LIKE public.orders INCLUDING ALL)",
                    "CREATE TABLE bench_batched (LIKE public.orders INCLUDING ALL)");
            Benchmark bench = new Benchmark(options, probe, props);
            List<Result> results = new ArrayList<>(bench.cases(OrdersGenerator.generate(options.work(), options.rows())));
            if (options.big()) {
                results.add(bench.bigLoad(OrdersGenerator.generate(options.work(), 10 * options.rows())[0],
                        results.get(0).peakRssMb()));
            }
            return new Outcome(results, probe.scalar("SHOW server_version"));
        }
    }

    private List<Result> cases(Path[] files) throws Exception {
        Path base = files[0];
        Path changed = files[1];
        long rows = options.rows();
        List<Result> results = new ArrayList<>();
        // unmeasured: the launcher's first load after a build writes its class archive, and the file gets cached
        loadQuietly(base);
        double copy = median(i -> copyBaseline(base));
        Measured first = measure(this::reset, base, false);
        results.add(first.result("first load", rows, "CopyManager COPY into the same empty indexed table", copy,
                "load ≤ 1.0×, whole ≤ 1.1×", first.seconds(false) <= copy && first.seconds(true) <= 1.1 * copy));
        double sha = median(i -> sha256sum(base));
        Measured redrop = measure(() -> { }, base, false);
        results.add(redrop.result("re-drop of the identical file", rows, "sha256sum of the file", sha,
                "whole ≤ 2×, 0 tuples written", redrop.seconds(true) <= 2 * sha && redrop.writes() == 0));
        Measured reprocess = measure(() -> { }, base, true);
        results.add(reprocess.result("forced reprocess of identical content", rows, "first load",
                first.seconds(false), "0 tuples, < 1 MB WAL, ≤ 1.0× first load",
                reprocess.writes() == 0 && reprocess.wal < 1_000_000 && reprocess.seconds(false) <= first.seconds(false)));
        Measured change = measure(() -> loadQuietly(base), changed, false);
        results.add(change.result("changed file (1% changed + 1% new)", rows + rows / 100,
                "CopyManager COPY (first-load baseline)", copy, "only those rows written; ≤ 1.0× baseline",
                change.inserted == rows / 100 && change.updated == rows / 100 && change.seconds(false) <= copy));
        results.add(naive(base, first));
        results.add(batched(base, reprocess));
        results.addAll(daily());
        return results;
    }

    /**
     * A day's delta into a table ten times the file size: only its new and changed rows may be written. Against
     * the COPY of its new rows (the baseline), and against the same writes done by hand knowing in advance
     * which rows are new and which changed (the floor any loader has to pay for the changed rows' pages).
     */
    private List<Result> daily() throws Exception {
        DailyDelta delta = DailyDelta.prepare(probe, options.work(), options.rows());
        double copy = median(i -> delta.copyBaseline());
        double known = median(i -> delta.knownRowsBaseline());
        Measured load = measure(delta::undo, delta.file(), false);
        delta.undo();
        String name = "daily delta into " + delta.big() + " rows (90% new, 10% changed)";
        boolean written = load.inserted == delta.fresh() && load.updated == delta.changed();
        return List.of(load.result(name, delta.fresh() + delta.changed(),
                        "COPY of the file's new rows into the same table", copy,
                        "load ≤ 1.3×, whole ≤ 1.6×, only new and changed rows written", load.seconds(false) <= 1.3 * copy
                                && load.seconds(true) <= 1.6 * copy && written),
                load.result(name, delta.fresh() + delta.changed(), "the same writes by hand, rows known in advance:"
                        + " COPY changed rows to a temp table + UPDATE by key + COPY new rows", known,
                        "load ≤ 1.3×", load.seconds(false) <= 1.3 * known && written));
    }

    /** Times {@code runs} CLI loads (after {@code before} each) and keeps the counters of the last one. */
    private Measured measure(Step before, Path file, boolean reprocess) throws Exception {
        Measured measured = new Measured();
        for (int i = 0; i < options.runs(); i++) {
            before.run();
            // a checkpoint the previous run's WAL triggered must not land in this one
            probe.execute("CHECKPOINT");
            Probe.Snapshot start = probe.snapshot("public.orders");
            List<String> command = reprocess ? loadCommand(file, "--json", "--reprocess") : loadCommand(file, "--json");
            Probe.Run run = Probe.run(command, options.work().resolve("cli.log"));
            if (run.exitCode() != 0) {
                throw new IllegalStateException("load failed: " + run.stdout() + " (see " + options.work() + "/cli.log)");
            }
            Probe.Snapshot end = probe.snapshot("public.orders");
            double load = Double.parseDouble(probe.scalar("SELECT extract(epoch FROM finished_at - started_at)"
                    + " FROM onceload.run ORDER BY started_at DESC LIMIT 1"));
            measured.add(run, load, start, end);
        }
        return measured;
    }

    /** Memory must not grow with the file: the 10x load against the 1x first load's peak RSS. */
    private Result bigLoad(Path file, long firstLoadRssMb) throws Exception {
        Measured big = measure(this::reset, file, false);
        return big.result("large load (RSS)", 10 * options.rows(), "–", 0, "peak RSS ≤ 350 MB, within 50 MB of the "
                + options.rows() + "-row first load's " + firstLoadRssMb + " MB", big.rss <= 350
                && big.rss <= firstLoadRssMb + 50);
    }

    /** The common naive fix: one autocommitted INSERT ... ON CONFLICT per row, timed on 50k rows, extrapolated. */
    private Result naive(Path base, Measured first) throws Exception {
        long sample = Math.min(50_000, options.rows());
        double seconds = timed(() -> NaiveLoader.load(probe, base, sample));
        double extrapolated = seconds * options.rows() / sample;
        double ratio = extrapolated / first.seconds(true);
        return new Result("naive row-by-row INSERT … ON CONFLICT, " + sample + " rows extrapolated", options.rows(),
                extrapolated, extrapolated, "onceload first load", first.seconds(true), sample, 0, 0, 0, 0,
                String.format(java.util.Locale.ROOT, "onceload ≥ 50× faster (is %.0f×)", ratio), ratio >= 50);
    }

    /**
     * Batched upserts of the same file into a table already holding it (the reprocess case): 100k rows timed,
     * extrapolated; the WAL they wrote is reported against the reprocess's.
     */
    private Result batched(Path base, Measured reprocess) throws Exception {
        long sample = Math.min(100_000, options.rows());
        probe.execute("TRUNCATE bench_batched", "INSERT INTO bench_batched SELECT * FROM public.orders", "CHECKPOINT");
        Probe.Snapshot start = probe.snapshot("bench_batched");
        double seconds;
        try (var connection = probe.connect()) {
            seconds = timed(() -> BatchedLoader.load(connection, base, sample));
        }
        Probe.Snapshot end = probe.snapshot("bench_batched");
        double extrapolated = seconds * options.rows() / sample;
        double ratio = extrapolated / reprocess.seconds(true);
        return new Result("batched upserts (" + BatchedLoader.BATCH + " a batch) of the loaded file, " + sample
                + " rows extrapolated", options.rows(), extrapolated, extrapolated, "onceload forced reprocess",
                reprocess.seconds(true), end.inserted() - start.inserted(), end.updated() - start.updated(),
                (end.walLsn() - start.walLsn()) * options.rows() / sample, 0, 0,
                String.format(java.util.Locale.ROOT, "onceload faster (is %.1f×)", ratio), ratio > 1);
    }

    private void reset() throws Exception {
        probe.execute("TRUNCATE public.orders", "DELETE FROM onceload.file_ledger", "DELETE FROM onceload.watermark",
                "DELETE FROM onceload.run WHERE pipeline = 'orders'");
    }

    private void loadQuietly(Path file) throws Exception {
        reset();
        Probe.Run run = Probe.run(loadCommand(file), options.work().resolve("cli.log"));
        if (run.exitCode() != 0) {
            throw new IllegalStateException("load failed: " + run.stdout());
        }
    }

    private List<String> loadCommand(Path file, String... flags) {
        List<String> command = new ArrayList<>(options.launcher());
        command.addAll(List.of("load", "--config", props.toString(), "--routes",
                options.work().resolve("routes").toString(), "--inbox", options.work().resolve("inbox").toString(),
                "--data", options.work().toString()));
        command.addAll(List.of(flags));
        command.addAll(List.of("orders", file.toString()));
        return command;
    }

    /** The sha256sum tool as a process, like the CLI; the JDK's digest where the tool is missing. */
    private static double sha256sum(Path file) throws Exception {
        try {
            return timed(() -> new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor());
        } catch (java.io.IOException e) {
            return timed(() -> Sha256.of(file));
        }
    }

    private double copyBaseline(Path file) throws Exception {
        probe.execute("TRUNCATE bench_copy", "CHECKPOINT");
        try (var connection = probe.connect()) {
            return timed(() -> {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    return connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)", in);
                }
            });
        }
    }

    private double median(ThrowingIndexed sample) throws Exception {
        double[] values = new double[options.runs()];
        for (int i = 0; i < values.length; i++) {
            values[i] = sample.apply(i);
        }
        return median(values);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    static double timed(ThrowingSupplier<?> work) throws Exception {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1e9;
    }

    interface Step {
        void run() throws Exception;
    }

    interface ThrowingIndexed {
        double apply(int index) throws Exception;
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

}
