package io.onceload.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onceload backfill <pipeline> --from D1 --to D2}: run a range of logical dates, oldest first. */
@Command(name = "backfill", description = {
        "Run every logical date from --from to --to (inclusive, oldest first) in the running service; only the",
        "schedule's dates for a scheduled pipeline. Dates whose input is unchanged are skips: no writes.",
        "Exit status as for trigger."})
final class BackfillCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "PIPELINE")
    String pipeline;

    @Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd")
    String from;

    @Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd")
    String to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return RemoteService.call(spec, options.data, (connection, out) ->
                RemoteService.print(RemoteService.pipeline(connection, pipeline).backfill(from, to), out));
    }
}
