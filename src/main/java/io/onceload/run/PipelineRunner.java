package io.onceload.run;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.inbox.InboxClaim;
import io.onceload.ledger.Trigger;
import io.onceload.load.LoadOutcome;
import io.onceload.load.LoadRequest;
import io.onceload.load.PublishHook;
import io.onceload.pull.PullRequest;
import io.onceload.schedule.CronCalendar;
import io.onceload.task.TaskRecord;
import io.onceload.task.TaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Every way a pipeline runs (inbox file, schedule fire, catch-up, manual trigger, backfill, reprocess) goes
 * through here, one run at a time per pipeline: a trigger arriving during a run waits for it, and then finds
 * the work done (a skip) instead of doing it twice.
 */
public final class PipelineRunner {

    private final PipelineRegistry registry;
    private final DataSource dataSource;
    private final Clock clock;
    private final DateRun dateRun;
    private final OwedDates owedDates;
    private static final java.time.Duration ARCHIVE_RETRY = java.time.Duration.ofMinutes(1);

    private final TaskRunner tasks;
    private final RunLocks locks;
    private final Map<Path, Instant> unarchivable = new ConcurrentHashMap<>();

    public PipelineRunner(PipelineRegistry registry, DataSource dataSource, Function<LoadRequest, LoadOutcome> loadRoute,
                          Function<PullRequest, Path> pullRoute, Clock clock, TaskRunner tasks, PublishHook hook) {
        this.registry = registry;
        this.tasks = tasks;
        this.dataSource = dataSource;
        this.clock = clock;
        this.locks = new RunLocks(dataSource);
        this.dateRun = new DateRun(dataSource, loadRoute, pullRoute, clock, hook);
        this.owedDates = new OwedDates(dataSource, dateRun);
    }

    /** Runs one logical date now; every run is recorded, including one that finds no input. */
    public List<RunResult> run(String name, LocalDate date, Trigger trigger) {
        PipelineSettings pipeline = pipeline(name);
        return locked(name, () -> withTasks(pipeline, trigger, dateRun.run(pipeline, date, trigger, true)));
    }

    /** Whether the routes declare this pipeline. */
    public boolean declared(String name) {
        return registry.find(name).isPresent();
    }

    /** The pipeline's logical date for "now": today in its timezone. */
    public LocalDate today(String name) {
        return LocalDate.now(clock.withZone(pipeline(name).schedule().zone()));
    }

    /**
     * Runs each date in [from, to] in order (only the dates the schedule fires on, for a scheduled pipeline); dates
     * whose input did not change since it was loaded are skips.
     */
    public List<RunResult> backfill(String name, LocalDate from, LocalDate to, Trigger trigger) {
        PipelineSettings pipeline = pipeline(name);
        List<LocalDate> dates = BackfillRange.dates(pipeline, from, to);
        return locked(name, () -> {
            List<RunResult> results = new ArrayList<>();
            for (LocalDate date : dates) {
                results.addAll(withTasks(pipeline, trigger, dateRun.run(pipeline, date, trigger, true)));
            }
            return results;
        });
    }

    /** Loads a file again although the ledger has its content; unchanged rows are still not rewritten. */
    public RunResult reprocess(String name, Path file, Trigger trigger) {
        PipelineSettings pipeline = pipeline(name);
        ReprocessScope.check(pipeline, file);
        LocalDate date = today(name);
        return locked(name, () -> {
            // a file still in the inbox is the inbox's: archive it like any inbox file; elsewhere it stays put
            LoadOutcome outcome = file.getParent().equals(pipeline.inbox())
                    ? dateRun.loadAndArchive(pipeline, file, trigger, date, true)
                    : dateRun.load(pipeline, file, trigger, date, true);
            if (outcome == null) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            return withTasks(pipeline, trigger, List.of(new RunResult(date, trigger, outcome))).get(0);
        });
    }

    /**
     * A file the inbox consumer picked up. One that could not be archived (a full disk, a read-only folder) is
     * left alone for a minute: the consumer would otherwise take it again at once, over and over.
     */
    public void inboxFile(String name, Path file) {
        PipelineSettings pipeline = pipeline(name);
        Instant stuck = unarchivable.get(file);
        if (stuck != null && stuck.isAfter(clock.instant().minus(ARCHIVE_RETRY))) {
            pause(); // the greedy consumer offers the same file again at once: do not spin on it
            return;
        }
        try {
            locked(name, () -> withTasks(pipeline, Trigger.INBOX,
                    dateRun.loadAndArchive(pipeline, file, Trigger.INBOX, today(name), false)));
            unarchivable.remove(file);
        } catch (java.io.UncheckedIOException e) {
            unarchivable.put(file, clock.instant());
            throw e;
        }
    }

    /**
     * A schedule fire: first any earlier dates still owed (with catchup), then the fire's own logical date. A
     * misfire (Quartz fires late, e.g. after a long run, with "now" as its time) only catches up, so a late fire
     * never runs a date the schedule does not have.
     */
    public List<RunResult> fired(String name, Instant scheduledFire) {
        PipelineSettings pipeline = pipeline(name);
        CronCalendar calendar = calendar(pipeline);
        if (!calendar.isFireTime(scheduledFire)) {
            return catchUp(name);
        }
        LocalDate date = calendar.logicalDate(scheduledFire);
        return locked(name, () -> {
            List<RunResult> results = new ArrayList<>();
            if (pipeline.schedule().catchup()) {
                results.addAll(owedDates.run(pipeline, calendar, scheduledFire, date));
            }
            results.addAll(dateRun.run(pipeline, date, Trigger.SCHEDULE, true, scheduledFire));
            return withTasks(pipeline, Trigger.SCHEDULE, results);
        });
    }

    /**
     * At start and at every heartbeat: files that a killed process (on any host) had claimed go back to their
     * inboxes, to be taken like any other file; one whose name a newer file took is loaded before that file instead.
     * Read-lock markers such a process left are cleared too.
     */
    public void releaseLeftOverClaims() {
        for (String name : registry.names()) {
            PipelineSettings pipeline = pipeline(name);
            io.onceload.inbox.LockMarkers.clearStale(pipeline, Instant.now()); // file times are real ones
            if (!InboxClaim.anyUnder(pipeline.inbox())) {
                continue;
            }
            // a pipeline another instance is running now is skipped, never waited for: that instance's next run
            // loads the claims of dead processes before its own files (DateRun.leftOvers)
            locks.ifFree(name, () -> {
                for (InboxClaim claim : InboxClaim.leftOver(pipeline.inbox())) {
                    try {
                        claim.release();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("cannot put " + claim.file() + " back into "
                                + pipeline.inbox(), e);
                    }
                }
            });
        }
    }

    /** After a start: every logical date the schedule fired on while the service was down, oldest first. */
    public List<RunResult> catchUp(String name) {
        PipelineSettings pipeline = pipeline(name);
        return locked(name, () -> withTasks(pipeline, Trigger.SCHEDULE,
                owedDates.run(pipeline, calendar(pipeline), clock.instant(), null)));
    }

    /**
     * Moves an inbox entry that must not be read to .failed with the reason, recording a failed run; only an entry
     * the pipeline would take (matching include, not hidden), and only once if two services see it.
     */
    public void refuse(Path file, String reason) {
        registry.names().stream().map(this::pipeline).filter(p -> p.inbox().equals(file.getParent())).findFirst()
                .filter(pipeline -> InboxScan.pending(pipeline).contains(file))
                .ifPresent(pipeline -> locked(pipeline.name(), () -> {
                    try {
                        return dateRun.refuse(pipeline, file, Trigger.INBOX, today(pipeline.name()), reason);
                    } catch (java.io.UncheckedIOException e) {
                        if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
                            return null; // another service moved it first
                        }
                        throw e;
                    }
                }));
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Files waiting in the pipeline's inbox, in the order they will load. */
    public List<Path> pendingFiles(String name) {
        return InboxScan.pending(pipeline(name));
    }

    private static CronCalendar calendar(PipelineSettings pipeline) {
        if (!pipeline.schedule().scheduled()) {
            throw new IllegalArgumentException("pipeline '" + pipeline.name() + "' has no schedule");
        }
        return new CronCalendar(pipeline.schedule().cron(), pipeline.schedule().zone());
    }

    private PipelineSettings pipeline(String name) {
        return registry.find(name).orElseThrow(() -> new IllegalArgumentException("no pipeline '" + name
                + "'; declared pipelines: " + String.join(", ", registry.names())));
    }

    /**
     * Runs the tasks again for those logical dates (with {@code downstream}, every task after them too), a new
     * attempt each, whatever their state.
     */
    public List<TaskRecord> clear(String name, String task, boolean downstream, List<LocalDate> dates,
                                  Trigger trigger) {
        PipelineSettings pipeline = pipeline(name);
        return locked(name, () -> tasks.clear(pipeline, task, downstream, dates, trigger));
    }

    /** Like {@link #clear(String, String, boolean, List, Trigger)} for [from, to], the schedule's dates only. */
    public List<TaskRecord> clear(String name, String task, boolean downstream, LocalDate from, LocalDate to,
                                  Trigger trigger) {
        return clear(name, task, downstream, BackfillRange.dates(pipeline(name), from, to), trigger);
    }

    /** The tasks the pipeline's loads still owe, e.g. after a crash between a load's commit and its tasks. */
    public List<TaskRecord> runOwedTasks(String name, Trigger trigger) {
        PipelineSettings pipeline = pipeline(name);
        return locked(name, () -> tasks.runOwed(pipeline, trigger));
    }

    public TaskRunner tasks() {
        return tasks;
    }

    /**
     * After loads, in the same lock: the tasks they owe. A database outage here leaves the debt recorded for the
     * next run, so the load's outcome stands.
     */
    private <T> T withTasks(PipelineSettings pipeline, Trigger trigger, T loadOutcome) {
        try {
            tasks.runOwed(pipeline, trigger);
        } catch (io.onceload.load.TransientLoadException e) {
            org.slf4j.LoggerFactory.getLogger(PipelineRunner.class).warn("{}: tasks not run now, they stay owed: {}",
                    pipeline.name(), e.getMessage());
        }
        return loadOutcome;
    }

    private <T> T locked(String name, Supplier<T> work) {
        return locks.locked(name, work);
    }

    /** The pipelines this process is running now (for the instance list). */
    public List<String> running() {
        return locks.running();
    }
}
