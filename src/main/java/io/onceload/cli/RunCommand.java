package io.onceload.cli;

import io.onceload.service.OnceloadApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code onceload run}: the service, watching every pipeline's inbox until stopped. */
@Command(name = "run", description = "Run the service: watch every pipeline's inbox until stopped.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() throws Exception {
        OnceloadApp app = OnceloadApp.start(options.app(true));
        app.awaitShutdown();
        return 0;
    }
}
