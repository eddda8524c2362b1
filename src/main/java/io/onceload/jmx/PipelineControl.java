package io.onceload.jmx;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Counts;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunRecord;
import io.onceload.ledger.Trigger;
import io.onceload.load.TransientLoadException;
import io.onceload.run.PipelineRunner;
import io.onceload.run.RunResult;
import io.onceload.schedule.CronCalendar;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The JMX face of one pipeline: operations go to the runner, attributes come from the run history. */
public final class PipelineControl implements PipelineMBean {

    private final PipelineSettings pipeline;
    private final PipelineRunner runner;
    private final DataSource dataSource;
    private final Clock clock;

    public PipelineControl(PipelineSettings pipeline, PipelineRunner runner, DataSource dataSource, Clock clock) {
        this.pipeline = pipeline;
        this.runner = runner;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public String[] trigger() {
        return lines(() -> runner.run(pipeline.name(), runner.today(pipeline.name()), Trigger.JMX));
    }

    @Override
    public String[] trigger(String logicalDate) {
        LocalDate date = date("logicalDate", logicalDate);
        return lines(() -> runner.run(pipeline.name(), date, Trigger.JMX));
    }

    @Override
    public String[] backfill(String from, String to) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        return lines(() -> runner.backfill(pipeline.name(), start, end, Trigger.JMX));
    }

    @Override
    public String reprocess(String file) {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("file must be a path, was '" + file + "'");
        }
        Path path = pipeline.inbox().resolve(file).toAbsolutePath().normalize();
        return lines(() -> List.of(runner.reprocess(pipeline.name(), path, Trigger.JMX)))[0];
    }

    @Override
    public String[] clear(String task, boolean downstream, String from, String to) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        return answer(() -> runner.clear(pipeline.name(), task, downstream, start, end, Trigger.JMX).stream()
                .map(io.onceload.task.TaskRecord::line).toArray(String[]::new));
    }

    @Override
    public String getLastRunId() {
        return last().map(run -> run.runId().toString()).orElse(null);
    }

    @Override
    public String getLastRunStatus() {
        return last().map(run -> run.status().dbValue()).orElse(null);
    }

    @Override
    public String getLastRunLogicalDate() {
        return last().map(run -> run.logicalDate().toString()).orElse(null);
    }

    @Override
    public String getLastRunCounts() {
        return last().map(RunRecord::counts).map(PipelineControl::counts).orElse(null);
    }

    @Override
    public String[] getRecentDates() {
        return answer(() -> runner.tasks().dateStates(pipeline, runner.today(pipeline.name()).minusDays(6))
                .toArray(String[]::new));
    }

    @Override
    public String[] getPendingFiles() {
        return runner.pendingFiles(pipeline.name()).stream().map(p -> p.getFileName().toString())
                .toArray(String[]::new);
    }

    @Override
    public String getNextFireTime() {
        if (!pipeline.schedule().scheduled()) {
            return null;
        }
        CronCalendar calendar = new CronCalendar(pipeline.schedule().cron(), pipeline.schedule().zone());
        return calendar.nextFire(clock.instant()).map(fire -> fire.atZone(calendar.zone()).toOffsetDateTime()
                .toString()).orElse(null);
    }

    @Override
    public String getSchedule() {
        return pipeline.schedule().scheduled()
                ? pipeline.schedule().cron() + " (" + pipeline.schedule().zone().getId() + ")" : null;
    }

    static String counts(Counts c) {
        return "inserted=" + c.inserted() + " updated=" + c.updated() + " unchanged=" + c.unchanged()
                + " rejected=" + c.rejected();
    }

    private Optional<RunRecord> last() {
        try (Connection connection = dataSource.getConnection()) {
            return RunHistory.latest(connection, pipeline.name());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the run history: " + e.getMessage());
        }
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date yyyy-MM-dd, was '" + value + "'");
        }
    }

    private static String[] lines(Supplier<List<RunResult>> runs) {
        return answer(() -> runs.get().stream().map(RunResult::line).toArray(String[]::new));
    }

    /** Only JDK exception types cross the wire, so any JMX client can read the message. */
    private static String[] answer(Supplier<String[]> lines) {
        try {
            return lines.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (TransientLoadException e) {
            throw new IllegalStateException(e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
