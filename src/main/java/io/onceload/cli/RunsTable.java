package io.onceload.cli;

import io.onceload.ledger.Counts;
import io.onceload.ledger.RunRecord;
import io.onceload.task.TaskRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Prints runs as an aligned table, one line per run, for people reading a terminal. */
final class RunsTable {

    /** Long enough to recognise an error, short enough that the line still fits a terminal. */
    static final int ERROR_WIDTH = 60;

    /** UTC, like the JSON and the database, so a time reads the same on every machine. */
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] HEADER = {"STARTED", "PIPELINE", "LOGICAL DATE", "TRIGGER", "STATUS", "FILE",
            "INS/UPD/UNCH/REJ", "DURATION", "ERROR"};

    private RunsTable() {
    }

    /** @param tasks per run, the task attempts it caused, shown under it */
    static void print(List<RunRecord> runs, Map<UUID, List<TaskRecord>> tasks, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (RunRecord run : runs) {
            Counts c = run.counts();
            lines.add(new String[] {STARTED.format(run.startedAt()), run.pipeline(), run.logicalDate().toString(),
                    run.trigger().dbValue(), run.status().dbValue(), run.fileName() == null ? "-" : run.fileName(),
                    c.inserted() + "/" + c.updated() + "/" + c.unchanged() + "/" + c.rejected(),
                    duration(Duration.between(run.startedAt(), run.finishedAt())), oneLine(run.error(), ERROR_WIDTH)});
            for (TaskRecord task : tasks.getOrDefault(run.runId(), List.of())) {
                // a task has no rejects but may delete: its counts read inserted/updated/unchanged and deleted
                lines.add(new String[] {STARTED.format(task.startedAt()), "", "", task.trigger().dbValue(),
                        task.status(), "└ task " + task.task() + " #" + task.attempt(),
                        task.inserted() + "/" + task.updated() + "/" + task.unchanged() + " -" + task.deleted(),
                        duration(Duration.between(task.startedAt(), task.finishedAt())),
                        oneLine(task.error(), ERROR_WIDTH)});
            }
        }
        int[] width = new int[HEADER.length];
        for (String[] cells : lines) {
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        for (String[] cells : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", cells[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return seconds < 3600 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** Stack traces and SQL errors span lines; a table row must not. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
