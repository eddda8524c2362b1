package io.onceload.cli;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.EarlyDigests;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.load.LoadOutcome;
import io.onceload.load.ProgressListener;
import io.onceload.service.OnceloadApp;
import io.onceload.task.TaskRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code onceload load}: load files now, in place, with the same guarantees as the inbox. */
@Command(name = "load", modelTransformer = AdHocOptions.class, description = {
        "Load files now, in place (they are not moved): load <pipeline> <file>...",
        "or ad hoc into a table: load --table <t> [--key c1,c2] [--mode m] [...] <file>...",
        "With --table every option below that names a pipeline parameter takes the same values.",
        "Exit status 0 when every file was published or skipped, 1 otherwise."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--table", description = "Ad-hoc pipeline into this table ([schema.]table), named after it.")
    String table;

    @Option(names = "--reprocess", description = "Load even content already in the ledger; unchanged rows are"
            + " still not rewritten.")
    boolean reprocess;

    @Option(names = "--json", description = "One JSON object per file per line.")
    boolean json;

    @Parameters(paramLabel = "ARGS", arity = "1..*", description = "<pipeline> <file>..., or <file>... with --table")
    List<String> arguments;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommonOptions.quietLogging();
        List<String> files = new ArrayList<>(arguments);
        String pipelineName = table == null ? files.remove(0) : null;
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no file given");
        }
        // the checksums are read while the database and Camel start, not after
        files.forEach(name -> EarlyDigests.start(Path.of(name)));
        PrintWriter out = spec.commandLine().getOut();
        LoadReport report = new LoadReport(json);
        boolean bar = ProgressBar.wanted(json);
        boolean allGood = true;
        try (OnceloadApp app = OnceloadApp.start(options.app(false))) {
            Map<String, String> adHoc = AdHocOptions.values(spec);
            if (table == null && !adHoc.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--" + String.join(", --", adHoc.keySet())
                        + " go with --table; a declared pipeline takes its parameters from its routes file");
            }
            PipelineSettings pipeline = table == null ? app.pipeline(pipelineName) : app.adHocPipeline(table, adHoc);
            for (String name : files) {
                LoadOutcome outcome = loadOne(app, pipeline, Path.of(name), reprocess,
                        bar ? new ProgressBar(spec.commandLine().getErr()) : null);
                allGood &= outcome.status() != RunStatus.FAILED;
                out.println(report.line(outcome));
                out.flush();
            }
            if (table == null) {
                // as after an inbox file: the tasks the loads owe run now, not at the service's next run
                for (TaskRecord task : app.runner().runOwedTasks(pipeline.name(), Trigger.CLI)) {
                    allGood &= task.succeeded();
                    if (!json) {
                        out.println(task.line());
                    }
                }
            }
        }
        return allGood ? 0 : 1;
    }

    /** @param bar drawn on while the file loads, and ended before this returns; null for none */
    private static LoadOutcome loadOne(OnceloadApp app, PipelineSettings pipeline, Path file, boolean reprocess,
                                       ProgressBar bar) {
        if (!Files.isRegularFile(file)) {
            return LoadReport.notLoaded(file, pipeline, "no such file");
        }
        try {
            return app.load(pipeline, file, Trigger.CLI, reprocess, bar == null ? ProgressListener.NONE : bar);
        } catch (RuntimeException e) {
            return LoadReport.notLoaded(file, pipeline, e.getMessage());
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
    }
}
