package io.onceload.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The web view on Camel's embedded HTTP server: pages, the JSON API, the actions and {@code /metrics}. Each route
 * serves one method (another gets 405 from the server, before any credential is looked at); every request passes
 * the Host check first.
 */
final class WebRoutes extends RouteBuilder {

    /** Dates the grid shows at once. */
    static final int GRID_DAYS = 14;
    private static final String HTML = "text/html; charset=utf-8";

    private final WebSettings settings;
    private final GridView grid;
    private final RunsView runs;
    private final Actions actions;
    private final Metrics metrics;

    WebRoutes(WebSettings settings, GridView grid, RunsView runs, Actions actions, Metrics metrics) {
        this.settings = settings;
        this.grid = grid;
        this.runs = runs;
        this.actions = actions;
        this.metrics = metrics;
    }

    @FunctionalInterface
    private interface Handler {
        void handle(Exchange exchange, WebRequest request) throws Exception;
    }

    @Override
    public void configure() throws IOException {
        // the pages and their script and style are the jar's: read once, not at every request
        String gridPage = resource("web/grid.html");
        String runPage = resource("web/run.html");
        String script = resource("web/app.js");
        String style = resource("web/app.css");
        serve("GET", "/", (e, r) -> Http.respond(e, 200, HTML, gridPage));
        serve("GET", "/runs/{id}", (e, r) -> Http.respond(e, 200, HTML, runPage));
        serve("GET", "/static/app.js", (e, r) -> Http.respond(e, 200, "text/javascript; charset=utf-8", script));
        serve("GET", "/static/app.css", (e, r) -> Http.respond(e, 200, "text/css; charset=utf-8", style));
        serve("GET", "/api/pipelines", (e, r) -> {
            LocalDate to = r.date("to").orElse(LocalDate.now(java.time.ZoneOffset.UTC));
            int days = r.number("days", GRID_DAYS, 1, 366);
            Http.json(e, 200, grid.grid(to.minusDays(days - 1L), to));
        });
        serve("GET", "/api/runs", (e, r) -> Http.json(e, 200, runs.runs(r.param("pipeline").orElse(null),
                r.date("from").orElse(null), r.date("to").orElse(null), r.number("limit", 100, 1, 10_000))));
        serve("GET", "/api/runs/{id}", (e, r) -> {
            String id = r.segmentAfter("/api/runs/");
            UUID runId;
            try {
                runId = UUID.fromString(id);
            } catch (IllegalArgumentException notUuid) {
                throw new Http.Refused(400, "a run id is a UUID, was '" + id + "'");
            }
            Http.json(e, 200, runs.run(runId).orElseThrow(() -> new Http.Refused(404, "no run " + runId)));
        });
        serve("POST", "/api/pipelines/{name}/trigger", (e, r) -> Http.json(e, 202,
                actions.handle(r, r.segmentAfter("/api/pipelines/"), "trigger")));
        serve("POST", "/api/pipelines/{name}/clear", (e, r) -> Http.json(e, 202,
                actions.handle(r, r.segmentAfter("/api/pipelines/"), "clear")));
        serve("GET", "/metrics", (e, r) -> Http.respond(e, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape()));
    }

    private void serve(String method, String path, Handler handler) {
        from("platform-http:" + path + "?httpMethodRestrict=" + method)
                .routeId("web " + method + " " + path)
                .process(exchange -> {
                    WebRequest request = new WebRequest(exchange);
                    if (!settings.allowedHosts().isEmpty() && !settings.allowedHosts().contains(request.host())) {
                        Http.error(exchange, 403, "this server answers only as " + settings.allowedHosts());
                        return;
                    }
                    try {
                        handler.handle(exchange, request);
                    } catch (Http.Refused refused) {
                        Http.error(exchange, refused.status, refused.getMessage());
                    } catch (Exception failed) {
                        log.warn("{} {} failed: {}", method, path, failed.toString());
                        Http.error(exchange, 500, "the service could not answer: " + failed.getMessage());
                    }
                });
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> mainProperties(WebSettings settings) {
        return Map.of("camel.server.enabled", "true", "camel.server.host", settings.host(),
                "camel.server.port", String.valueOf(settings.port()));
    }
}
