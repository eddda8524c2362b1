package io.onceload.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onceload clear <pipeline> --task T [--downstream] (--date D | --from D1 --to D2)}: run tasks again. */
@Command(name = "clear", description = {
        "Run a task again (with --downstream every task after it too) for logical dates, oldest first, in the",
        "running service, whatever its state: a new attempt each. A task whose inputs did not change writes",
        "nothing; one whose table was edited by hand is repaired. Exit status 1 when an attempt failed."})
final class ClearCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "PIPELINE")
    String pipeline;

    @Option(names = "--task", required = true, paramLabel = "TASK")
    String task;

    @Option(names = "--downstream", description = "Also every task that depends on it, directly or not.")
    boolean downstream;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Dates dates;

    /** One date, or a range. */
    static final class Dates {
        @Option(names = "--date", paramLabel = "yyyy-MM-dd")
        String date;

        @ArgGroup(exclusive = false)
        Range range;
    }

    static final class Range {
        @Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd")
        String from;

        @Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd")
        String to;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String from = dates.date != null ? dates.date : dates.range.from;
        String to = dates.date != null ? dates.date : dates.range.to;
        return RemoteService.call(spec, options.data, (connection, out) -> RemoteService.print(
                RemoteService.pipeline(connection, pipeline).clear(task, downstream, from, to), out));
    }
}
