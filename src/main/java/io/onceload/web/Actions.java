package io.onceload.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.onceload.ledger.Trigger;
import io.onceload.run.PipelineRunner;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's actions, {@code POST /api/pipelines/<name>/trigger} and {@code …/clear}: only with the service's
 * credentials in an {@code Authorization: Basic} header and a JSON body. A cross-site page can send neither (no
 * cookie is involved, and the JSON content type needs a CORS preflight nobody answers), so they are CSRF-safe. The
 * run is started in the background and answered {@code 202}; the grid shows it when it ends.
 */
final class Actions {

    private static final Logger LOG = LoggerFactory.getLogger(Actions.class);

    private final PipelineRunner runner;
    private final BiPredicate<String, String> credentials;
    private final ExecutorService background;

    Actions(PipelineRunner runner, BiPredicate<String, String> credentials, ExecutorService background) {
        this.runner = runner;
        this.credentials = credentials;
        this.background = background;
    }

    /** @return the response body for 202 */
    Map<String, Object> handle(WebRequest request, String pipeline, String action) {
        String[] pair = request.basicCredentials().orElseThrow(() -> new Http.Refused(401,
                "the service's user and password (data/jmx.properties) are required in an Authorization header"));
        if (!credentials.test(pair[0], pair[1])) {
            LOG.warn("Refused a web action: wrong user or password");
            throw new Http.Refused(401, "wrong user or password");
        }
        String type = request.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Http.Refused(415, "the body must be JSON (Content-Type: application/json)");
        }
        if (!runner.declared(pipeline)) {
            throw new Http.Refused(404, "no pipeline '" + pipeline + "'");
        }
        JsonNode body;
        try {
            body = request.body().isBlank() ? Http.JSON.createObjectNode() : Http.JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new Http.Refused(400, "the body is not JSON: " + e.getMessage());
        }
        LocalDate date = body.hasNonNull("date") ? date(body.get("date").asText()) : runner.today(pipeline);
        Runnable work;
        if (action.equals("trigger")) {
            work = () -> runner.run(pipeline, date, Trigger.HTTP);
        } else {
            String task = body.path("task").asText("");
            List<String> declared = runner.tasks().graph().taskNames(pipeline);
            if (!declared.contains(task)) {
                throw new Http.Refused(400, "task must be one of the pipeline's tasks " + declared + ", was '" + task
                        + "'");
            }
            boolean downstream = body.path("downstream").asBoolean(false);
            work = () -> runner.clear(pipeline, task, downstream, List.of(date), Trigger.HTTP);
        }
        background.submit(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("{} {} {} from the web view failed: {}", pipeline, action, date, e.getMessage());
            }
        });
        LOG.info("{} {} {} requested from the web view", pipeline, action, date);
        return Map.of("pipeline", pipeline, "action", action, "date", date.toString(), "accepted", true);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Http.Refused(400, "date must be yyyy-MM-dd, was '" + text + "'");
        }
    }
}
