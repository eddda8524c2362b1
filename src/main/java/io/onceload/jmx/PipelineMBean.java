package io.onceload.jmx;

/**
 * Operations on one pipeline, registered as {@code onceload:type=Pipeline,name=<pipeline>}. Every operation
 * runs under the pipeline's run lock (a call made during a run waits for it), blocks until its runs have
 * finished, records each run with trigger {@code jmx}, and answers one line per run:
 * {@code <logical date> jmx <file>: <status> — <counts or reason>}. Errors in the arguments throw
 * {@link IllegalArgumentException}; a database that stays unreachable through the retries throws
 * {@link IllegalStateException}.
 */
public interface PipelineMBean {

    /** Runs today's logical date (in the pipeline's timezone): the day's source file, or every ready inbox file. */
    String[] trigger();

    /**
     * Runs one logical date.
     *
     * @param logicalDate {@code yyyy-MM-dd}
     */
    String[] trigger(String logicalDate);

    /**
     * Runs every logical date from {@code from} to {@code to} inclusive, oldest first; only the dates the schedule
     * fires on when the pipeline has one. A date whose input did not change since it was loaded is a skip.
     *
     * @param from {@code yyyy-MM-dd}
     * @param to {@code yyyy-MM-dd}, not before {@code from}
     */
    String[] backfill(String from, String to);

    /**
     * Loads a file again although the ledger already has its content (e.g. after the table was edited by
     * hand). Still replay-safe: rows that equal the file are not rewritten.
     *
     * @param file an absolute path, or a path relative to the pipeline's inbox (e.g. {@code .done/2026-11-23/a.csv})
     */
    String reprocess(String file);

    /**
     * Runs a task again for every logical date in the range, oldest first, whatever its state: a new attempt each,
     * recorded with trigger {@code jmx}. A slice: loaded-partitions task recomputes every partition the loads of
     * those dates touched; a task whose inputs did not change writes nothing. Answers one line per task attempt:
     * {@code <date> jmx task <name> #<attempt>: <status> — <counts or error>}.
     *
     * @param task a task of this pipeline
     * @param downstream also every task after it, in dependency order
     * @param from {@code yyyy-MM-dd}
     * @param to {@code yyyy-MM-dd}, not before {@code from}
     */
    String[] clear(String task, boolean downstream, String from, String to);

    /** Id of the pipeline's most recently finished run, or {@code null} before its first run. */
    String getLastRunId();

    /** Status of that run: published, skipped, failed, missing-input or no-input. */
    String getLastRunStatus();

    /** Logical date of that run, {@code yyyy-MM-dd}. */
    String getLastRunLogicalDate();

    /** That run's counts: {@code inserted=… updated=… unchanged=… rejected=…}. */
    String getLastRunCounts();

    /**
     * The logical dates of the last 7 days that have runs, newest first, each {@code complete} (a run completed it
     * and every task its loads owe succeeded) or {@code incomplete (…)} with what is missing, e.g.
     * {@code 2026-11-23 incomplete (daily_revenue failed)}.
     */
    String[] getRecentDates();

    /** Files waiting in the inbox, in the order they will load. */
    String[] getPendingFiles();

    /** The schedule's next fire time (ISO-8601 with offset, in the pipeline's timezone), or {@code null}. */
    String getNextFireTime();

    /** The cron expression and timezone, or {@code null} for a pipeline without schedule. */
    String getSchedule();
}
