package io.onceload.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * When onceload has finished what it was given: no data file left in the inbox (a file leaves it only after its
 * run committed or failed) and no onceload session inside a transaction or a statement (no load in flight).
 */
public final class Idle {

    private Idle() {
    }

    /**
     * Files not yet archived, relative to the inbox: the ones the inbox consumer would still take (regular, not
     * hidden, not Camel's lock markers), then the ones a run has claimed ({@code .claimed/<owner>/<name>}).
     */
    public static List<String> pending(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            List<String> pending = new java.util.ArrayList<>(files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.endsWith(".camelLock")).sorted().toList());
            pending.addAll(claimed(inbox).stream().map(f -> inbox.relativize(f).toString()).toList());
            return pending;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files a run has claimed from the inbox and not archived yet. */
    public static List<Path> claimed(Path inbox) {
        Path root = inbox.resolve(".claimed");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> !f.equals(root) && !f.getParent().equals(root)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return claimed(inbox); // a claim archived while listed: list again
        }
    }

    /** The dropped file is still the inbox's: at its delivered name, or claimed by a run that has not archived it. */
    public static boolean inInbox(Path dropped) {
        String name = dropped.getFileName().toString();
        return Files.exists(dropped, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || claimed(dropped.getParent()).stream().anyMatch(f -> f.getFileName().toString().equals(name));
    }

    /**
     * Sessions of onceload processes (services, CLI, this harness's other connections) in a transaction or running
     * a statement; after a {@code kill -9} that is also the dead process's backend until PostgreSQL notices.
     */
    public static List<List<String>> busySessions() {
        return TestDatabase.rows("SELECT pid::text, state,"
                + " round(extract(epoch FROM now() - xact_start)::numeric, 1) || ' s in xact',"
                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 100) FROM pg_stat_activity"
                + " WHERE application_name = 'onceload' AND pid <> pg_backend_pid()"
                + " AND (state IS DISTINCT FROM 'idle' OR xact_start IS NOT NULL)");
    }

    /** Tasks a published load owes that no succeeded attempt has covered yet (see onceload.run_owes). */
    public static long owedTasks() {
        return TestDatabase.count("SELECT count(*) FROM onceload.run_owes o, unnest(o.tasks) t(name)"
                + " WHERE NOT EXISTS (SELECT 1 FROM onceload.task_run r WHERE r.pipeline = o.pipeline"
                + " AND r.logical_date = o.logical_date AND r.task = t.name AND r.status = 'succeeded'"
                + " AND r.covers >= o.seq)");
    }

    /** Waits until no onceload session is busy, e.g. until the backend of a killed service has gone. */
    public static void awaitNoBusySessions(Duration timeout) throws InterruptedException {
        await("no onceload session in a transaction", timeout, () -> busySessions().isEmpty(),
                () -> "busy sessions " + busySessions());
    }

    /**
     * Waits until the inbox is empty and no session is busy, in two checks 200 ms apart (a file moves only after
     * its commit, so this is the end of the work, not a gap between two files).
     *
     * @param evidence what to show when the deadline passes, e.g. the service's log tail
     */
    public static void await(Path inbox, Duration timeout, Supplier<String> evidence) throws InterruptedException {
        Instant[] quietSince = {null};
        await("the service to be idle (inbox " + inbox + " empty, no load in flight)", timeout, () -> {
            boolean quiet = pending(inbox).isEmpty() && busySessions().isEmpty() && owedTasks() == 0;
            if (!quiet) {
                quietSince[0] = null;
                return false;
            }
            if (quietSince[0] == null) {
                quietSince[0] = Instant.now();
            }
            return Duration.between(quietSince[0], Instant.now()).toMillis() >= 200;
        }, () -> "inbox " + pending(inbox) + ", busy sessions " + busySessions() + ", owed tasks " + owedTasks()
                + "\n" + evidence.get());
    }

    /** Waits until the file has left its folder and no claim holds it (it was archived). */
    public static void awaitGone(Path file, Duration timeout, Supplier<String> evidence) throws InterruptedException {
        await(file.getFileName() + " to leave the inbox", timeout, () -> !inInbox(file), evidence);
    }

    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition,
                      Supplier<String> evidence) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + ": "
                        + evidence.get());
            }
            Thread.sleep(50);
        }
    }
}
