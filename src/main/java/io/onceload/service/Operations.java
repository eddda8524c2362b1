package io.onceload.service;

import io.onceload.config.PipelineSettings;
import io.onceload.health.DatabaseHealth;
import io.onceload.health.DatabaseHealthCheck;
import io.onceload.jmx.JmxConnector;
import io.onceload.jmx.JmxRegistration;
import io.onceload.jmx.PipelineControl;
import io.onceload.jmx.PipelineMBean;
import io.onceload.run.PipelineRunner;
import io.onceload.run.RunResult;
import io.onceload.schedule.QuartzCluster;
import io.onceload.schedule.ScheduleRoutes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import io.onceload.web.WebSettings;
import io.onceload.web.WebView;
import org.apache.camel.component.quartz.QuartzComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the service runs, once its pipelines are known: the Quartz schedules, the catch-up of dates missed
 * while it was down, the JMX operations and their authenticated loopback connector, and the database health.
 */
final class Operations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final JmxRegistration jmx = new JmxRegistration();
    private DatabaseHealth health;
    private JmxConnector connector;
    private final ExecutorService catchUp = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "onceload-catchup");
        thread.setDaemon(true);
        return thread;
    });

    private CompletableFuture<Void> caughtUp = CompletableFuture.completedFuture(null);
    private WebView web;

    private Operations() {
    }

    /** Completes when the catch-up after start has run for every scheduled pipeline. */
    CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    static Operations start(OnceloadApp app, Path dataDir, int jmxPort, Clock clock, WebSettings web)
            throws Exception {
        Operations operations = new Operations();
        try {
            operations.health = new DatabaseHealth(app.dataSource()).start();
            operations.jmx.register(new ObjectName(DatabaseHealth.DEFAULT_OBJECT_NAME), operations.health);
            DatabaseHealthCheck.register(app.camelContext(), operations.health);
            operations.health.addListener(app.outages());
            List<PipelineSettings> pipelines = app.pipelines();
            PipelineRunner runner = app.runner();
            runner.releaseLeftOverClaims();
            for (PipelineSettings pipeline : pipelines) {
                operations.jmx.register(JmxRegistration.pipelineName(pipeline.name()),
                        new StandardMBean(new PipelineControl(pipeline, runner, app.dataSource(), clock),
                                PipelineMBean.class));
            }
            QuartzComponent clustered = app.camelContext().getRegistry().lookupByNameAndType("quartz",
                    QuartzComponent.class);
            if (clustered != null) {
                QuartzCluster.reconcile(app.camelContext().getComponent("quartz", QuartzComponent.class)
                        .getScheduler(), pipelines);
            }
            app.camelContext().addRoutes(new ScheduleRoutes(pipelines, (name, fire) -> log(runner.fired(name, fire))));
            if (clustered != null) {
                clustered.getScheduler().start();
            }
            // scheduled pipelines catch up (their tasks included); the others pay what their loads still owe their
            // tasks, e.g. after a crash between a load's commit and its tasks
            operations.caughtUp = CompletableFuture.allOf(pipelines.stream()
                    .filter(p -> p.schedule().scheduled() || runner.tasks().graph().hasTasks(p.name()))
                    .map(p -> CompletableFuture.runAsync(() -> catchUp(runner, p), operations.catchUp))
                    .toArray(CompletableFuture[]::new));
            operations.connector = JmxConnector.start(dataDir, jmxPort, operations.jmx.server());
            LOG.info("JMX on {} (user and password in {})", operations.connector.address(),
                    operations.connector.credentialsFile());
            if (web != null) {
                JmxConnector connector = operations.connector;
                DatabaseHealth health = operations.health;
                operations.web = WebView.start(app.camelContext(), web, app.registry(), runner, app.dataSource(),
                        clock, connector::accepts, health::isHealthy, dataDir);
            }
            return operations;
        } catch (Exception e) {
            operations.close();
            throw e;
        }
    }

    private static void catchUp(PipelineRunner runner, PipelineSettings pipeline) {
        try {
            if (pipeline.schedule().scheduled()) {
                log(runner.catchUp(pipeline.name()));
            } else {
                runner.runOwedTasks(pipeline.name(), io.onceload.ledger.Trigger.INBOX);
            }
        } catch (RuntimeException e) {
            // the next fire catches up again: missed dates stay owed until a run completes them
            LOG.warn("{}: catch-up failed, the next fire tries again: {}", pipeline.name(), e.getMessage());
        }
    }

    private static void log(List<RunResult> results) {
        results.forEach(result -> LOG.info("{} {}", result.outcome().pipeline(), result.line()));
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
        if (connector != null) {
            try {
                connector.close();
            } catch (java.io.IOException e) {
                LOG.warn("JMX connector did not close cleanly: {}", e.getMessage());
            }
        }
        catchUp.shutdownNow();
        try {
            catchUp.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (health != null) {
            health.close();
        }
        jmx.close();
    }
}
