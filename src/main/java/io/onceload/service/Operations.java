package io.onceload.service;

import io.onceload.config.PipelineSettings;
import io.onceload.jmx.JmxRegistration;
import io.onceload.jmx.PipelineControl;
import io.onceload.jmx.PipelineMBean;
import io.onceload.run.PipelineRunner;
import io.onceload.run.RunResult;
import io.onceload.schedule.ScheduleRoutes;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the service runs, once its pipelines are known: the Quartz schedules, the catch-up of dates missed
 * while it was down, and the JMX operations.
 */
final class Operations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final JmxRegistration jmx = new JmxRegistration();
    private final ExecutorService catchUp = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "onceload-catchup");
        thread.setDaemon(true);
        return thread;
    });

    private CompletableFuture<Void> caughtUp = CompletableFuture.completedFuture(null);

    private Operations() {
    }

    /** Completes when the catch-up after start has run for every scheduled pipeline. */
    CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    static Operations start(OnceloadApp app, Clock clock) throws Exception {
        Operations operations = new Operations();
        try {
            List<PipelineSettings> pipelines = app.pipelines();
            PipelineRunner runner = app.runner();
            for (PipelineSettings pipeline : pipelines) {
                operations.jmx.register(JmxRegistration.pipelineName(pipeline.name()),
                        new StandardMBean(new PipelineControl(pipeline, runner, app.dataSource(), clock),
                                PipelineMBean.class));
            }
            app.camelContext().addRoutes(new ScheduleRoutes(pipelines, (name, fire) -> log(runner.fired(name, fire))));
            operations.caughtUp = CompletableFuture.allOf(pipelines.stream().filter(p -> p.schedule().scheduled())
                    .map(p -> CompletableFuture.runAsync(() -> catchUp(runner, p.name()), operations.catchUp))
                    .toArray(CompletableFuture[]::new));
            return operations;
        } catch (Exception e) {
            operations.close();
            throw e;
        }
    }

    private static void catchUp(PipelineRunner runner, String pipeline) {
        try {
            log(runner.catchUp(pipeline));
        } catch (RuntimeException e) {
            // the next fire catches up again: missed dates stay owed until a run completes them
            LOG.warn("{}: catch-up failed, the next fire tries again: {}", pipeline, e.getMessage());
        }
    }

    private static void log(List<RunResult> results) {
        results.forEach(result -> LOG.info("{} {}", result.outcome().pipeline(), result.line()));
    }

    @Override
    public void close() {
        catchUp.shutdownNow();
        try {
            catchUp.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jmx.close();
    }
}
