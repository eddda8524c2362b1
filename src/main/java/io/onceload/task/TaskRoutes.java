package io.onceload.task;

import io.onceload.config.PipelineRegistry;
import io.onceload.inbox.PipelineRoutes;
import io.onceload.load.TransientLoadException;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;

/**
 * The route template every {@code onceload-task} declaration instantiates: one direct route per task that runs an
 * attempt, retrying transient database errors with the task's own {@code retries} and backoff.
 */
public final class TaskRoutes extends RouteBuilder {

    public static final String TEMPLATE = "onceload-task";
    private static final long MAX_DELAY_MS = 60_000;

    private final TaskGraph graph;
    private final TaskExecution execution;
    private final Path project;

    /**
     * @param project the folder a task's {@code sql} path is relative to
     * @param outcomes what commits with a failed task's record
     */
    public TaskRoutes(TaskGraph graph, DataSource dataSource, Path project, TaskOutcomes outcomes) {
        this.graph = graph;
        this.execution = new TaskExecution(dataSource, outcomes);
        this.project = project;
    }

    /** The endpoint of a task's route. */
    public static String endpoint(TaskExecution.Attempt attempt) {
        return "direct:onceload-task-" + attempt.task().pipeline() + "." + attempt.task().name();
    }

    @Override
    public void configure() {
        ((ModelCamelContext) getCamelContext()).addRouteTemplateDefinitionConverter(TEMPLATE,
                (template, parameters) -> {
                    TaskSettings task = TaskSettingsParser.parse(PipelineRoutes.userParameters(parameters), project);
                    graph.register(task);
                    parameters.putAll(Map.of(
                            "onceload.task-endpoint", "onceload-task-" + task.pipeline() + "." + task.name(),
                            "onceload.task-retries", Integer.toString(task.retries()),
                            "onceload.task-backoff-ms", Long.toString(task.backoffMs())));
                    return template.asRouteDefinition();
                });

        routeTemplate(TEMPLATE)
                .from("direct:{{onceload.task-endpoint}}")
                .onException(TransientLoadException.class)
                    .maximumRedeliveries("{{onceload.task-retries}}")
                    .redeliveryDelay("{{onceload.task-backoff-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay(MAX_DELAY_MS)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logStackTrace(false)
                    .logRetryStackTrace(false)
                .end()
                .process(exchange -> exchange.getMessage().setBody(execution.execute(
                        exchange.getMessage().getMandatoryBody(TaskExecution.Attempt.class))));
    }

    /** After Camel started (every declaration read): checks the graphs and the tables; a problem stops startup. */
    public static void resolve(TaskGraph graph, PipelineRegistry pipelines, DataSource dataSource) {
        graph.resolve(pipelines, dataSource);
    }
}
