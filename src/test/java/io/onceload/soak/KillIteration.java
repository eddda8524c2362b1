package io.onceload.soak;

import io.onceload.soak.SoakFiles.Variant;
import io.onceload.testing.Idle;
import io.onceload.testing.Invariants;
import io.onceload.testing.Orders;
import io.onceload.testing.Reference;
import io.onceload.testing.RunningService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One trial: a service loads the dropped files and is killed with SIGKILL after a given delay; the state it left
 * must be a clean run over a prefix of the files; a restarted service must finish the rest, after which EQ, ATOM,
 * CONS, DIAG and IDEM hold.
 */
final class KillIteration {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration IDLE = Duration.ofSeconds(120);
    static final Duration SESSIONS = Duration.ofSeconds(30);

    /**
     * @param moment where the kill landed, judged by what it left
     * @param violations empty when the trial passed
     * @param phases seconds spent per phase, for the log
     */
    record Outcome(String moment, List<String> violations, String phases) {
        boolean passed() {
            return violations.isEmpty();
        }
    }

    private final Path home;
    private final String[] jvm;
    private final Variant variant;
    private final List<Path> files;
    private final List<Reference> references;
    private final Path inbox;
    private final Invariants invariants;

    private final StringBuilder phases = new StringBuilder();
    private long phaseStart = System.nanoTime();

    /**
     * @param jvm options of the service JVMs
     * @param references clean runs over the first 0 .. files.size() files
     */
    KillIteration(Path home, String[] jvm, Variant variant, List<Path> files, List<Reference> references) {
        this.home = home;
        this.jvm = jvm;
        this.variant = variant;
        this.files = files;
        this.references = references.subList(0, files.size() + 1);
        this.inbox = home.resolve("inbox").resolve(SoakFiles.PIPELINE);
        this.invariants = new Invariants(inbox, SoakFiles.PIPELINE,
                files.stream().map(f -> f.getFileName().toString()).toList());
    }

    /** Kills the loading service {@code delayMs} after the drop, restarts it and checks. */
    Outcome run(long delayMs) throws Exception {
        prepare();
        List<String> violations = new ArrayList<>();
        try (RunningService service = RunningService.start(home, "service-1.log", jvm).awaitReady(START)) {
            phase("start");
            drop();
            Thread.sleep(delayMs); // the deliberate random kill moment
            int status = service.kill();
            if (status != RunningService.KILLED) {
                violations.add("KILL: the service had already exited (status " + status + ") before the kill: "
                        + service.logTail(20));
            }
            logErrors(service, violations);
        }
        phase("load+kill");
        Idle.awaitNoBusySessions(SESSIONS);
        String moment = moment();
        invariants.checkAfterCrash(references).forEach(v -> violations.add("after the kill: " + v));
        phase("crash-check");
        finish(violations);
        return new Outcome(moment, violations, phases.toString());
    }

    /**
     * Loads without a kill, noting when each file left the inbox, and checks EQ, ATOM, CONS and DIAG.
     *
     * @return milliseconds from the drop until each file was archived
     */
    long[] calibrate(List<String> violations) throws Exception {
        prepare();
        long[] archived = new long[files.size()];
        try (RunningService service = RunningService.start(home, "service-1.log", jvm).awaitReady(START)) {
            drop();
            long dropped = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                Path file = inbox.resolve(files.get(i).getFileName());
                Idle.awaitGone(file, IDLE, () -> service.logTail(30));
                archived[i] = (System.nanoTime() - dropped) / 1_000_000;
            }
            Idle.await(inbox, IDLE, () -> service.logTail(30));
            service.stop(Duration.ofSeconds(30));
        }
        Idle.awaitNoBusySessions(SESSIONS);
        violations.addAll(invariants.check(references.get(files.size())));
        violations.addAll(invariants.derived());
        return archived;
    }

    private void prepare() throws IOException, InterruptedException {
        // the sessions of the previous trial must be gone before the tables are reset under them
        Idle.awaitNoBusySessions(SESSIONS);
        Orders.reset();
        SoakFiles.configure(home, variant);
        Files.createDirectories(inbox);
        for (Path file : files) {
            // hidden while copied, so the drop itself is a rename and the delay counts from a complete file
            Files.copy(file, inbox.resolve("." + file.getFileName() + ".part"));
        }
    }

    private void drop() throws IOException {
        for (Path file : files) {
            String name = file.getFileName().toString();
            Files.move(inbox.resolve("." + name + ".part"), inbox.resolve(name));
        }
    }

    /** Restarts the service, waits until it is idle, stops it and checks every invariant against the full run. */
    private void finish(List<String> violations) throws Exception {
        try (RunningService service = RunningService.start(home, "service-2.log", jvm).awaitReady(START)) {
            phase("restart");
            Idle.await(inbox, IDLE, () -> service.logTail(30));
            phase("idle");
            service.stop(Duration.ofSeconds(30));
            logErrors(service, violations);
        }
        Idle.awaitNoBusySessions(SESSIONS);
        Reference all = references.get(files.size());
        violations.addAll(invariants.check(all));
        violations.addAll(invariants.derived());
        phase("check");
        violations.addAll(invariants.idem(home, all));
        phase("idem");
    }

    /** A load killed or resumed never needs an ERROR: an error there is a finding even when the data is right. */
    private static void logErrors(RunningService service, List<String> violations) {
        service.log().lines().filter(line -> line.contains(" ERROR ")).limit(5)
                .forEach(line -> violations.add("LOG: " + service.logFile().getFileName() + ": " + line));
    }

    private void phase(String name) {
        long now = System.nanoTime();
        phases.append(phases.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.1f", (now - phaseStart) / 1e9));
        phaseStart = now;
    }

    /** Where the kill landed, judged by what it left: how many files were published and archived. */
    private String moment() {
        long published = invariants.ledger().size();
        long archived = invariants.inputFiles().stream().filter(f -> inbox.relativize(f).startsWith(".done")).count();
        if (published == 0) {
            return "before the first commit";
        }
        if (archived < published) {
            return "after a commit, before its move";
        }
        return archived < files.size() ? "between two files" : "after the last move";
    }
}
