package io.onceload.notify;

import io.onceload.config.PipelineRegistry;
import io.onceload.task.TaskRunner;
import javax.sql.DataSource;
import org.apache.camel.builder.RouteBuilder;

/**
 * The dispatch loop (a Camel timer that sends what the outbox holds) and the deadline watch, in the service only.
 */
public final class NotifyRoutes extends RouteBuilder {

    private static final long PERIOD_MS = 500;

    private final DataSource dataSource;
    private final PipelineRegistry pipelines;
    private final boolean dispatch;
    private final OverdueWatch overdue;
    private final OutageNotifier outages;

    /** @param dispatch whether this process sends notifications (the service) or only enqueues them (CLI commands) */
    public NotifyRoutes(DataSource dataSource, PipelineRegistry pipelines, boolean dispatch, TaskRunner tasks,
                        Notifications notifications, OutageNotifier outages, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.pipelines = pipelines;
        this.dispatch = dispatch;
        this.overdue = new OverdueWatch(dataSource, pipelines, tasks, notifications, clock);
        this.outages = outages;
    }

    @Override
    public void configure() {
        Dispatcher dispatcher = new Dispatcher(dataSource, pipelines, getCamelContext().createProducerTemplate());
        from("timer:onceload-outbox?period=" + PERIOD_MS + "&delay=" + PERIOD_MS).routeId("onceload-outbox")
                .autoStartup(dispatch)
                .process(exchange -> dispatcher.dispatchDue());
        from("timer:onceload-overdue?period=1000&delay=1000").routeId("onceload-overdue")
                .autoStartup(dispatch)
                .process(exchange -> {
                    outages.flush();
                    overdue.check();
                });
    }
}
