package io.onceload.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onceload trigger <pipeline> [--date D]}: run one logical date in the running service, now. */
@Command(name = "trigger", description = {
        "Run a pipeline now in the running service (over JMX): today's logical date, or --date.",
        "Waits for the run; one line per run. Exit status 0 when every run published, skipped or found",
        "no input in the inbox, 1 when one failed or its source file is missing, 3 when no service runs."})
final class TriggerCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "PIPELINE")
    String pipeline;

    @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "Logical date (default: today in the"
            + " pipeline's timezone).")
    String date;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return RemoteService.call(spec, options.data, (connection, out) -> {
            var mbean = RemoteService.pipeline(connection, pipeline);
            return RemoteService.print(date == null ? mbean.trigger() : mbean.trigger(date), out);
        });
    }
}
