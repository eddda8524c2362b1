package io.onceload.soak;

import io.onceload.database.DatabaseSettings;
import io.onceload.soak.SoakFiles.Variant;
import io.onceload.testing.Reference;
import io.onceload.testing.RunningService;
import io.onceload.testing.TestDatabase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The random {@code kill -9} soak: N trials of {@link KillIteration}, each with a random pipeline variant, 1-3
 * files and a random kill moment inside the measured load time; ends with {@code N passed, M failed}.
 * Run by {@code bench/soak-kill.sh N [rows] [seed]} and, short, by {@code KillSoakTest}.
 */
public final class KillSoak {

    /** A trial that runs longer than this is killed and counted as failed, so N = 1000 always ends. */
    static final long TRIAL_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(6);
    /** Failed trials kept whole; later ones keep their logs only, so a bad night cannot fill the disk. */
    static final int KEEP_WHOLE = 10;

    /** @param kept folders of the failed trials */
    public record Result(int passed, int failed, List<Path> kept, double secondsPerTrial) {
    }

    private final Path work;
    private final String[] jvm;
    private final long rows;
    private final long seed;
    private final PrintStream out;

    /** @param jvm options of the service JVMs, e.g. the launcher's {@code -Xmx512m -XX:+UseSerialGC} */
    public KillSoak(Path work, List<String> jvm, long rows, long seed, PrintStream out) {
        this.work = work;
        this.jvm = jvm.toArray(String[]::new);
        this.rows = rows;
        this.seed = seed;
        this.out = out;
    }

    /** {@code KillSoak iterations [rows] [seed]}; uses ONCELOAD_DB_URL when set, else an embedded PostgreSQL. */
    public static void main(String[] args) throws Exception {
        int iterations = Integer.parseInt(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
        DatabaseSettings external = DatabaseSettings.from(System.getenv(), null);
        if (!external.isEmbedded()) {
            TestDatabase.useExternal(external);
        }
        Result result = new KillSoak(Path.of("target/soak-kill"), List.of("-Xmx512m", "-XX:+UseSerialGC"),
                rows, seed, System.out).run(iterations);
        System.exit(result.failed() == 0 ? 0 : 1);
    }

    public Result run(int iterations) throws Exception {
        out.printf("kill soak: %d trials, %d rows, seed %d, work %s, database %s%n", iterations, rows, seed,
                work.toAbsolutePath(), TestDatabase.settings().url());
        Workspace.delete(work.resolve("trials"));
        List<Path> files = SoakFiles.generate(work.resolve("data-" + rows), rows);
        Map<Variant, List<Reference>> references = new EnumMap<>(Variant.class);
        Map<Variant, long[]> windows = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            Path home = work.resolve("reference-" + variant);
            Workspace.delete(home);
            references.put(variant, SoakFiles.references(home, variant, files, rows));
            windows.put(variant, calibrate(variant, files, references.get(variant)));
        }
        Random random = new Random(seed);
        Map<String, Integer> moments = new TreeMap<>();
        List<Path> kept = new ArrayList<>();
        int passed = 0;
        long start = System.nanoTime();
        ExecutorService trials = executor();
        for (int i = 1; i <= iterations; i++) {
            Variant variant = Variant.values()[random.nextInt(Variant.values().length)];
            int count = 1 + random.nextInt(files.size());
            // up to a fifth past the measured end of the load, so some kills land after the last commit and move
            long delay = (long) (random.nextDouble() * 1.2 * windows.get(variant)[count - 1]);
            Path home = work.resolve("trials").resolve(String.format(Locale.ROOT, "%04d", i));
            KillIteration trial = new KillIteration(home, jvm, variant, files.subList(0, count),
                    references.get(variant));
            long began = System.nanoTime();
            Future<KillIteration.Outcome> running = trials.submit(() -> trial.run(delay));
            KillIteration.Outcome outcome;
            try {
                outcome = running.get(TRIAL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                RunningService.killAll();
                running.cancel(true);
                trials.shutdownNow();
                // a trial still running would reset the tables under the next one: better stop than mislead
                if (!trials.awaitTermination(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("trial " + i + " is stuck even after its services were killed;"
                            + " stopping after " + passed + " passed, " + (i - 1 - passed) + " failed (see " + home
                            + ")");
                }
                trials = executor();
                outcome = new KillIteration.Outcome("unknown", List.of("TIMEOUT: the trial took over "
                        + TRIAL_TIMEOUT_MS / 1000 + " s"), "");
            } catch (java.util.concurrent.ExecutionException e) {
                RunningService.killAll();
                outcome = new KillIteration.Outcome("unknown", List.of("ERROR: " + e.getCause()), "");
            }
            moments.merge(outcome.moment(), 1, Integer::sum);
            String line = String.format(Locale.ROOT, "trial %d: %s, %d file(s), kill after %d ms (%s): %s, %.1f s (%s)",
                    i, variant, count, delay, outcome.moment(), outcome.passed() ? "passed" : "FAILED",
                    (System.nanoTime() - began) / 1e9, outcome.phases());
            if (outcome.passed()) {
                passed++;
                Workspace.delete(home);
                out.println(line);
            } else {
                Workspace.keep(home, kept.size() < KEEP_WHOLE);
                kept.add(home);
                out.println(line + ", kept " + home.toAbsolutePath() + "\n  " + String.join("\n  ",
                        outcome.violations()));
            }
        }
        trials.shutdownNow();
        double perTrial = (System.nanoTime() - start) / 1e9 / Math.max(1, iterations);
        out.printf(Locale.ROOT, "kill moments: %s; %.1f s per trial%n", moments, perTrial);
        out.println(passed + " passed, " + (iterations - passed) + " failed");
        return new Result(passed, iterations - passed, kept, perTrial);
    }

    /** Measures how long the service takes to load 1, 2 and 3 files, which bounds the random kill delay. */
    private long[] calibrate(Variant variant, List<Path> files, List<Reference> references) throws Exception {
        Path home = work.resolve("calibration-" + variant);
        Workspace.delete(home);
        List<String> violations = new ArrayList<>();
        long[] archived = new KillIteration(home, jvm, variant, files, references).calibrate(violations);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("a load without a kill already breaks the invariants (see " + home
                    + "):\n  " + String.join("\n  ", violations));
        }
        Workspace.delete(home);
        out.printf("calibration %s: files archived %s ms after the drop%n", variant,
                java.util.Arrays.toString(archived));
        return archived;
    }

    private static ExecutorService executor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kill-soak-trial");
            thread.setDaemon(true);
            return thread;
        });
    }
}
