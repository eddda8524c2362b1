package io.onceload.service;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.database.Database;
import io.onceload.database.DatabaseSettings;
import io.onceload.database.Migrations;
import io.onceload.inbox.LiteralNameFilter;
import io.onceload.inbox.PipelineRoutes;
import io.onceload.inbox.RetryPolicy;
import io.onceload.ledger.Trigger;
import io.onceload.load.FileLoader;
import io.onceload.load.LoadOutcome;
import io.onceload.load.LoadRequest;
import io.onceload.load.ProgressListener;
import io.onceload.load.PublishHook;
import io.onceload.notify.Notifications;
import io.onceload.notify.NotifyRoutes;
import io.onceload.notify.OutageNotifier;
import io.onceload.pull.PullRequest;
import io.onceload.pull.PullRoutes;
import io.onceload.run.LockGuard;
import io.onceload.run.PipelineRunner;
import io.onceload.schedule.QuartzCluster;
import io.onceload.task.TaskDebt;
import io.onceload.task.TaskExecution;
import io.onceload.task.TaskGraph;
import io.onceload.task.TaskRecord;
import io.onceload.task.TaskRoutes;
import io.onceload.task.TaskRunner;
import io.onceload.web.WebSettings;
import io.onceload.web.WebView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * One running onceload: database (embedded or external) migrated, pipelines from {@code routes/*.camel.yaml}
 * validated, and Camel started; with {@code watchInbox} false (CLI commands) no inbox is consumed, no schedule
 * fires and no JMX is exposed.
 */
public final class OnceloadApp implements AutoCloseable {

    /**
     * Where everything lives; relative paths are taken from the working directory.
     *
     * @param watchInbox true for the service: consume inboxes, run schedules, expose JMX; false for CLI commands
     * @param jmxPort loopback port of the service's JMX connector; 0 picks a free one (clients read it from data/)
     * @param clustered schedules live in Quartz's clustered store in the database, shared with other instances
     * @param web where the service's web view listens; null for none
     */
    public record Options(DatabaseSettings database, Path dataDir, Path migrations, Path routesDir, Path inboxRoot,
                          boolean watchInbox, int jmxPort, boolean clustered, WebSettings web) {

        public Options(DatabaseSettings database, Path dataDir, Path migrations, Path routesDir, Path inboxRoot,
                       boolean watchInbox) {
            this(database, dataDir, migrations, routesDir, inboxRoot, watchInbox, 0, false, null);
        }
    }

    private final Database database;
    private final PipelineRegistry registry;
    private final Main main;
    private final Path inboxRoot;
    private final PipelineRunner runner;
    private final RouteCall<LoadRequest, LoadOutcome> loadRoute;
    private final RouteCall<TaskExecution.Attempt, TaskRecord> taskRoute;
    private final OutageNotifier outages;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Operations operations;

    private OnceloadApp(Database database, PipelineRegistry registry, Main main, Path inboxRoot, PipelineRunner runner,
                        RouteCall<LoadRequest, LoadOutcome> loadRoute,
                        RouteCall<TaskExecution.Attempt, TaskRecord> taskRoute, OutageNotifier outages) {
        this.database = database;
        this.registry = registry;
        this.main = main;
        this.inboxRoot = inboxRoot;
        this.runner = runner;
        this.loadRoute = loadRoute;
        this.taskRoute = taskRoute;
        this.outages = outages;
    }

    public static OnceloadApp start(Options options) throws Exception {
        return start(options, Clock.systemUTC());
    }

    /** @param clock the clock schedules, catch-up and logical dates read (tests move it) */
    public static OnceloadApp start(Options options, Clock clock) throws Exception {
        Database database = Database.open(options.database(), options.dataDir(), options.migrations(),
                options.watchInbox() ? Migrations.FULL : Migrations.WHEN_BEHIND);
        try {
            PipelineRegistry registry = new PipelineRegistry(database.dataSource());
            Path inboxRoot = options.inboxRoot().toAbsolutePath().normalize();
            Main main = new Main();
            RouteCall<LoadRequest, LoadOutcome> loadRoute = new RouteCall<>(main::getCamelContext,
                    request -> PipelineRoutes.LOAD, LoadOutcome.class);
            RouteCall<TaskExecution.Attempt, TaskRecord> taskRoute = new RouteCall<>(main::getCamelContext,
                    TaskRoutes::endpoint, TaskRecord.class);
            TaskGraph tasks = new TaskGraph();
            Notifications notifications = new Notifications(registry, tasks);
            PublishHook hook = PublishHook.both(new LockGuard(), PublishHook.both(new TaskDebt(tasks), notifications));
            RouteCall<PullRequest, Path> pullRoute = new RouteCall<>(main::getCamelContext,
                    request -> PullRoutes.PULL, Path.class);
            PipelineRunner runner = new PipelineRunner(registry, database.dataSource(), loadRoute, pullRoute, clock,
                    new TaskRunner(database.dataSource(), tasks, taskRoute), hook);
            main.configure().withName("onceload");
            if (!options.watchInbox()) {
                // a CLI command is gone in a second: registering an MBean per route and processor is wasted start
                main.configure().withJmxEnabled(false);
            }
            if (options.web() != null && options.watchInbox()) {
                WebView.configure(main, options.web());
            }
            if (options.clustered() && options.watchInbox()) {
                main.bind("quartz", QuartzCluster.component(database.dataSource()));
            }
            main.bind(LiteralNameFilter.BEAN, new LiteralNameFilter(runner::refuse));
            // a fire waiting for its pipeline's lock must not hold up a shutdown
            main.addInitialProperty("camel.component.quartz.interruptJobsOnShutdown", "true");
            main.configure().withRoutesIncludePattern("file:" + options.routesDir().toAbsolutePath() + "/*.camel.yaml");
            main.configure().addRoutesBuilder(new RetryPolicy());
            main.configure().addRoutesBuilder(new PullRoutes(database.dataSource(),
                    options.dataDir().toAbsolutePath().resolve("pulls")));
            main.configure().addRoutesBuilder(new PipelineRoutes(registry, new FileLoader(database.dataSource(), hook),
                    runner, inboxRoot, options.watchInbox()));
            main.configure().addRoutesBuilder(new TaskRoutes(tasks, database.dataSource(),
                    options.routesDir().toAbsolutePath().normalize().getParent(), notifications));
            OutageNotifier outages = new OutageNotifier(database.dataSource(), notifications);
            main.configure().addRoutesBuilder(new NotifyRoutes(database.dataSource(), registry, options.watchInbox(),
                    runner.tasks(), notifications, outages, clock));
            for (String scheme : List.of("http", "https")) {
                // a webhook that hangs must not hold the dispatcher for the client's default three minutes
                main.addInitialProperty("camel.component." + scheme + ".connectTimeout", "5000");
                main.addInitialProperty("camel.component." + scheme + ".connectionRequestTimeout", "5000");
                main.addInitialProperty("camel.component." + scheme + ".responseTimeout", "10000");
                main.addInitialProperty("camel.component." + scheme + ".soTimeout", "10000");
            }
            main.configure().addRoutesBuilder(new InstanceRoutes(database.dataSource(), runner, options.watchInbox()));
            main.start();
            try {
                TaskRoutes.resolve(tasks, registry, database.dataSource());
            } catch (RuntimeException e) {
                main.stop();
                throw e;
            }
            OnceloadApp app = new OnceloadApp(database, registry, main, inboxRoot, runner, loadRoute, taskRoute,
                    outages);
            if (options.watchInbox()) {
                try {
                    app.operations = Operations.start(app, options.dataDir(), options.jmxPort(), clock, options.web());
                } catch (Exception e) {
                    main.stop();
                    throw e;
                }
            }
            return app;
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
        return load(pipeline, file, trigger, reprocess, ProgressListener.NONE);
    }

    /**
     * @param progress hears how far the reading of the file has come, on the loading thread
     * @throws RuntimeException the load route's own error, e.g. a database that stayed unreachable through retries
     */
    public LoadOutcome load(PipelineSettings pipeline, Path file, Trigger trigger, boolean reprocess,
                            ProgressListener progress) {
        return loadRoute.apply(new LoadRequest(pipeline, file.toAbsolutePath(), trigger,
                LocalDate.now(pipeline.schedule().zone()), reprocess, progress));
    }

    public PipelineSettings pipeline(String name) {
        return registry.find(name).orElseThrow(() -> new IllegalArgumentException("no pipeline '" + name
                + "'; declared pipelines: " + String.join(", ", registry.names())));
    }

    public PipelineSettings adHocPipeline(String table, java.util.Map<String, String> options) {
        return registry.adHoc(table, options, inboxRoot);
    }

    /** Completes when the catch-up after start is done (at once for CLI commands, which run no schedules). */
    public java.util.concurrent.CompletableFuture<Void> caughtUp() {
        return operations == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : operations.caughtUp();
    }

    /** Hears the database health probe's transitions, for the outage notifications. */
    public OutageNotifier outages() {
        return outages;
    }

    public PipelineRunner runner() {
        return runner;
    }

    public PipelineRegistry registry() {
        return registry;
    }

    public List<PipelineSettings> pipelines() {
        return registry.names().stream().map(this::pipeline).toList();
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
            if (operations != null) {
                operations.close();
            }
            main.stop();
            loadRoute.close();
            taskRoute.close();
        } finally {
            database.close();
        }
    }
}
