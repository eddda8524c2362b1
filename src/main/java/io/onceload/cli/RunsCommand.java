package io.onceload.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunRecord;
import io.onceload.task.TaskHistory;
import io.onceload.task.TaskRecord;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code onceload runs}: the run history, read straight from the database, so the service need not be running. */
@Command(name = "runs", description = {
        "Show the run history, newest first: runs [<pipeline>] [--limit N] [--json].",
        "Reads the database read-only; the service does not have to be running. Times are UTC.",
        "A pipeline without runs prints 'no runs for pipeline ...' and the pipelines that have runs, exit status 0"
                + " (with --json that note goes to stderr and stdout stays empty)."})
final class RunsCommand implements Callable<Integer> {

    /** How many pipeline names the note about an unknown pipeline lists before it stops. */
    private static final int KNOWN_PIPELINES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE", description = "Only this pipeline's runs.")
    String pipeline;

    @Option(names = "--json", description = "One JSON object per run per line (JSON Lines), snake_case fields.")
    boolean json;

    @Spec
    CommandSpec spec;

    private int limit;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "At most N runs, the newest (default: ${DEFAULT-VALUE}).")
    void limit(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 1, was " + value);
        }
        limit = value;
    }

    @Override
    public Integer call() throws Exception {
        CommonOptions.quietLogging();
        PrintWriter out = spec.commandLine().getOut();
        try (ReadOnlySession session = ReadOnlySession.open(options)) {
            List<RunRecord> runs = RunHistory.newest(session.connection(), pipeline, limit);
            if (runs.isEmpty()) {
                noRuns(session.connection(), json ? spec.commandLine().getErr() : out);
            } else {
                Map<UUID, List<TaskRecord>> tasks = TaskHistory.forRuns(session.connection(),
                        runs.stream().map(RunRecord::runId).toList()).stream()
                        .collect(Collectors.groupingBy(TaskRecord::runId, LinkedHashMap::new, Collectors.toList()));
                if (json) {
                    for (RunRecord run : runs) {
                        out.println(JSON.writeValueAsString(RunJson.fields(run, tasks.getOrDefault(run.runId(),
                                List.of()))));
                    }
                } else {
                    RunsTable.print(runs, tasks, out);
                }
            }
        }
        out.flush();
        return 0;
    }

    /** A typo in a pipeline name should not look like a pipeline that never ran, so name the ones that did. */
    private void noRuns(Connection connection, PrintWriter to) throws Exception {
        if (pipeline == null) {
            to.println("no runs yet");
        } else {
            List<String> known = RunHistory.pipelines(connection, KNOWN_PIPELINES + 1);
            String list = String.join(", ", known.subList(0, Math.min(known.size(), KNOWN_PIPELINES)))
                    + (known.size() > KNOWN_PIPELINES ? ", …" : "");
            to.println("no runs for pipeline '" + pipeline + "'"
                    + (known.isEmpty() ? "" : "; pipelines with runs: " + list));
        }
        to.flush();
    }
}
