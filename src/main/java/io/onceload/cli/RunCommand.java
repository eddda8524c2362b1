package io.onceload.cli;

import io.onceload.service.OnceloadApp;
import io.onceload.web.WebSettings;
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

    @Option(names = "--http-port", defaultValue = "0", description = "Port of the web view, JSON API and /metrics;"
            + " 0 picks a free one, written to data/http.properties (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = WebSettings.LOOPBACK, description = "Address the web view binds;"
            + " anything but 127.0.0.1 lets other machines read runs and metrics (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Override
    public Integer call() throws Exception {
        OnceloadApp.Options app = options.app(true);
        OnceloadApp service = OnceloadApp.start(new OnceloadApp.Options(app.database(), app.dataDir(), app.migrations(),
                app.routesDir(), app.inboxRoot(), true, jmxPort, app.clustered(), WebSettings.of(httpHost, httpPort)));
        service.awaitShutdown();
        return 0;
    }
}
