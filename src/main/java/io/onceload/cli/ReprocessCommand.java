package io.onceload.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onceload reprocess <pipeline> <file>}: load a file again in the running service. */
@Command(name = "reprocess", description = {
        "Load a file again in the running service although its content is in the ledger; rows that equal the",
        "file are not rewritten. FILE is a path, or relative to the pipeline's inbox (.done/<date>/<name>)."})
final class ReprocessCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "PIPELINE")
    String pipeline;

    @Parameters(index = "1", paramLabel = "FILE")
    String file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // a path the user typed is relative to their shell; a bare .done/... path is the inbox's
        Path typed = Path.of(file);
        String path = typed.isAbsolute() || !typed.toAbsolutePath().toFile().exists()
                ? file : typed.toAbsolutePath().toString();
        return RemoteService.call(spec, options.data, (connection, out) -> RemoteService.print(
                new String[] {RemoteService.pipeline(connection, pipeline).reprocess(path)}, out));
    }
}
