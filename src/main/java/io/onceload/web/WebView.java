package io.onceload.web;

import io.onceload.config.PipelineRegistry;
import io.onceload.run.PipelineRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service's web view, JSON API and metrics; its address is written to {@code <data>/http.properties}. */
public final class WebView implements AutoCloseable {

    public static final String FILE = "http.properties";
    private static final Logger LOG = LoggerFactory.getLogger(WebView.class);

    private final ExecutorService actions;
    private final Path file;

    private WebView(ExecutorService actions, Path file) {
        this.actions = actions;
        this.file = file;
    }

    /** Before Camel starts: its embedded HTTP server on the given address only. */
    public static void configure(Main main, WebSettings settings) {
        WebRoutes.mainProperties(settings).forEach(main::addInitialProperty);
    }

    /**
     * Adds the routes to the running context and publishes the address.
     *
     * @param credentials the service's user and password check (the JMX ones), for the actions
     * @param databaseUp the health probe's latest answer, for {@code onceload_database_up}
     */
    public static WebView start(CamelContext camel, WebSettings settings, PipelineRegistry registry,
                                PipelineRunner runner, DataSource dataSource, Clock clock,
                                BiPredicate<String, String> credentials, BooleanSupplier databaseUp, Path dataDir)
            throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "onceload-web-action");
            thread.setDaemon(true);
            return thread;
        });
        camel.addRoutes(new WebRoutes(settings,
                new GridView(registry, name -> runner.tasks().graph().taskNames(name), dataSource, clock),
                new RunsView(dataSource, registry), new Actions(runner, credentials, background),
                new Metrics(new MetricsQuery(dataSource, registry, clock), databaseUp)));
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        // written aside and moved into place: a reader (`onceload ui`, a test) never sees the file without the url
        Path part = dataDir.resolve(FILE + ".part");
        Files.writeString(part, "# onceload web view, rewritten at every start; actions need the user and password"
                + " of jmx.properties\nurl=" + settings.url() + "\n", StandardCharsets.UTF_8);
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (!settings.loopback()) {
            LOG.warn("The web view listens on {} beyond loopback: anyone who reaches it reads runs and metrics",
                    settings.host());
        }
        LOG.info("Web view on {} (address in {})", settings.url(), file);
        return new WebView(background, file);
    }

    /** The address a running service wrote, for {@code onceload ui}. */
    public static String url(Path dataDir) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(dataDir.resolve(FILE))) {
            properties.load(in);
        }
        return properties.getProperty("url");
    }

    @Override
    public void close() {
        actions.shutdownNow();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("{} not removed: {}", file, e.getMessage());
        }
    }
}
