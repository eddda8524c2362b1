package io.onceload.service;

import io.onceload.config.LoadMode;
import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.database.Database;
import io.onceload.database.DatabaseSettings;
import io.onceload.inbox.PipelineRoutes;
import io.onceload.inbox.RetryPolicy;
import io.onceload.ledger.Trigger;
import io.onceload.load.FileLoader;
import io.onceload.load.LoadOutcome;
import io.onceload.load.LoadRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * One running onceload: database (embedded or external) migrated, pipelines from {@code routes/*.camel.yaml}
 * validated, and Camel started; with {@code watchInbox} false (CLI commands) no inbox is consumed.
 */
public final class OnceloadApp implements AutoCloseable {

    /** Where everything lives; relative paths are taken from the working directory. */
    public record Options(DatabaseSettings database, Path dataDir, Path migrations, Path routesDir, Path inboxRoot,
                          boolean watchInbox) {
    }

    private final Database database;
    private final PipelineRegistry registry;
    private final Main main;
    private final Path inboxRoot;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnceloadApp(Database database, PipelineRegistry registry, Main main, Path inboxRoot) {
        this.database = database;
        this.registry = registry;
        this.main = main;
        this.inboxRoot = inboxRoot;
    }

    public static OnceloadApp start(Options options) throws Exception {
        Database database = Database.open(options.database(), options.dataDir(), options.migrations());
        try {
            PipelineRegistry registry = new PipelineRegistry(database.dataSource());
            Path inboxRoot = options.inboxRoot().toAbsolutePath().normalize();
            Main main = new Main();
            main.configure().withName("onceload");
            main.configure().withRoutesIncludePattern("file:" + options.routesDir().toAbsolutePath() + "/*.camel.yaml");
            main.configure().addRoutesBuilder(new RetryPolicy());
            main.configure().addRoutesBuilder(
                    new PipelineRoutes(registry, new FileLoader(database.dataSource()), inboxRoot));
            main.addInitialProperty(PipelineRoutes.WATCH_INBOX, Boolean.toString(options.watchInbox()));
            main.start();
            return new OnceloadApp(database, registry, main, inboxRoot);
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    /** Blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), then stops Camel before the database. */
    public void awaitShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close();
            } catch (Exception e) {
                LoggerFactory.getLogger(OnceloadApp.class).warn("unclean shutdown: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "onceload-shutdown"));
        stopped.await();
    }

    /** Loads a file in place through the same route the inbox uses, retries included. */
    public LoadOutcome load(PipelineSettings pipeline, Path file, Trigger trigger) {
        return load(pipeline, file, trigger, false);
    }

    /** @param reprocess load even content the ledger already has (unchanged rows are still not rewritten) */
    public LoadOutcome load(PipelineSettings pipeline, Path file, Trigger trigger, boolean reprocess) {
        ProducerTemplate producer = camelContext().createProducerTemplate();
        try {
            return producer.requestBody(PipelineRoutes.LOAD,
                    new LoadRequest(pipeline, file.toAbsolutePath(), trigger, LocalDate.now(ZoneOffset.UTC), reprocess),
                    LoadOutcome.class);
        } finally {
            try {
                producer.close();
            } catch (Exception e) {
                // closing a producer template only releases caches
            }
        }
    }

    public PipelineSettings pipeline(String name) {
        return registry.find(name).orElseThrow(() -> new IllegalArgumentException("no pipeline '" + name
                + "'; declared pipelines: " + String.join(", ", registry.names())));
    }

    public PipelineSettings adHocPipeline(String table, List<String> key, LoadMode mode, String partitionColumn) {
        return registry.adHoc(table, key, mode, partitionColumn, inboxRoot);
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public void close() throws Exception {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            main.stop();
        } finally {
            database.close();
        }
    }
}
