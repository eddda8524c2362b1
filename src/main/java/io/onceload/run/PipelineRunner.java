package io.onceload.run;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunHistory.DateRuns;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.load.LoadOutcome;
import io.onceload.load.LoadRequest;
import io.onceload.load.TransientLoadException;
import io.onceload.schedule.CatchUp;
import io.onceload.schedule.CronCalendar;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
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
    private static final java.time.Duration ARCHIVE_RETRY = java.time.Duration.ofMinutes(1);

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<Path, Instant> unarchivable = new ConcurrentHashMap<>();

    public PipelineRunner(PipelineRegistry registry, DataSource dataSource, Function<LoadRequest, LoadOutcome> loadRoute,
                          Clock clock) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.clock = clock;
        this.dateRun = new DateRun(dataSource, loadRoute, clock);
    }

    /** Runs one logical date now; every run is recorded, including one that finds no input. */
    public List<RunResult> run(String name, LocalDate date, Trigger trigger) {
        PipelineSettings pipeline = pipeline(name);
        return locked(name, () -> dateRun.run(pipeline, date, trigger, true));
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
                results.addAll(dateRun.run(pipeline, date, trigger, true));
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
            return new RunResult(date, trigger, outcome);
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
            return;
        }
        try {
            locked(name, () -> dateRun.loadAndArchive(pipeline, file, Trigger.INBOX, today(name), false));
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
                results.addAll(owed(pipeline, calendar, scheduledFire, date));
            }
            results.addAll(dateRun.run(pipeline, date, Trigger.SCHEDULE, true));
            return results;
        });
    }

    /** After a start: every logical date the schedule fired on while the service was down, oldest first. */
    public List<RunResult> catchUp(String name) {
        PipelineSettings pipeline = pipeline(name);
        return locked(name, () -> owed(pipeline, calendar(pipeline), clock.instant(), null));
    }

    /** Moves an inbox entry that must not be read to .failed with the reason, recording a failed run. */
    public void refuse(Path file, String reason) {
        registry.names().stream().map(this::pipeline).filter(p -> p.inbox().equals(file.getParent())).findFirst()
                .ifPresent(pipeline -> locked(pipeline.name(), () -> dateRun.refuse(pipeline, file, Trigger.INBOX,
                        today(pipeline.name()), reason)));
    }

    /** Files waiting in the pipeline's inbox, in the order they will load. */
    public List<Path> pendingFiles(String name) {
        return InboxScan.pending(pipeline(name));
    }

    private List<RunResult> owed(PipelineSettings pipeline, CronCalendar calendar, Instant now, LocalDate except) {
        Map<LocalDate, DateRuns> history;
        Optional<LocalDate> first;
        try (Connection connection = dataSource.getConnection()) {
            // bounded like a backfill: a schedule re-enabled after years does not owe every day since
            LocalDate horizon = calendar.logicalDate(now).minusDays(BackfillRange.MAX_DAYS);
            first = RunHistory.firstScheduled(connection, pipeline.name())
                    .map(date -> date.isBefore(horizon) ? horizon : date);
            history = first.isPresent() ? RunHistory.dates(connection, pipeline.name(), first.get()) : Map.of();
        } catch (SQLException e) {
            throw new TransientLoadException(pipeline.name() + ": cannot read the run history: " + e.getMessage(), e);
        }
        List<LocalDate> due = new ArrayList<>(CatchUp.due(calendar, first, history, now,
                pipeline.schedule().catchup()));
        due.remove(except);
        if (!pipeline.schedule().hasSource() && due.size() > 1) {
            // an inbox cannot tell which day a waiting file belongs to: one run, under the latest missed date
            due = List.of(due.get(due.size() - 1));
        }
        List<RunResult> results = new ArrayList<>();
        for (LocalDate date : due) {
            DateRuns runs = history.get(date);
            if (runs != null && pipeline.schedule().hasSource() && dateRun.unchangedSinceFailure(pipeline, date,
                    runs)) {
                continue; // the same bad file again would only fail again; a corrected one is retried
            }
            boolean triedBefore = runs != null && runs.latest() == RunStatus.MISSING_INPUT;
            results.addAll(dateRun.run(pipeline, date, Trigger.SCHEDULE, !triedBefore));
        }
        return results;
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

    private <T> T locked(String name, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock(true));
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the running " + name + " run", e);
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
