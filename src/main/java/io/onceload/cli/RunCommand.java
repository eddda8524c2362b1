package io.onceload.cli;

import io.onceload.service.OnceloadApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code onceload run}: the service: inboxes, schedules and JMX, until stopped. */
@Command(name = "run", description = "Run the service: watch every pipeline's inbox until stopped.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--jmx-port", defaultValue = "0", description = "Loopback port of the JMX connector; 0 picks a"
            + " free one, which the CLI reads from data/jmx.properties (default: ${DEFAULT-VALUE}).")
    int jmxPort;

    @Override
    public Integer call() throws Exception {
        OnceloadApp.Options app = options.app(true);
        OnceloadApp service = OnceloadApp.start(new OnceloadApp.Options(app.database(), app.dataDir(), app.migrations(),
                app.routesDir(), app.inboxRoot(), true, jmxPort, app.clustered()));
        service.awaitShutdown();
        return 0;
    }
}
