package io.onceload.inbox;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.config.PipelineSettingsParser;
import io.onceload.load.FileLoader;
import io.onceload.load.LoadRequest;
import io.onceload.run.PipelineRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;

/**
 * The route template every {@code routes/*.camel.yaml} pipeline instantiates (inbox → runner, which loads and
 * archives), and the one load route that every trigger shares, retries included.
 */
public final class PipelineRoutes extends RouteBuilder {

    public static final String TEMPLATE = "onceload-pipeline";
    public static final String LOAD = "direct:onceload-load";

    private static final String PIPELINE_HEADER = "OnceloadPipeline";

    private final PipelineRegistry registry;
    private final FileLoader loader;
    private final PipelineRunner runner;
    private final Path inboxRoot;
    private final boolean watch;

    /** @param watch whether this process consumes inboxes (the service) or not (CLI commands) */
    public PipelineRoutes(PipelineRegistry registry, FileLoader loader, PipelineRunner runner, Path inboxRoot,
                          boolean watch) {
        this.registry = registry;
        this.loader = loader;
        this.runner = runner;
        this.inboxRoot = inboxRoot;
        this.watch = watch;
    }

    @Override
    public void configure() {
        // runs once per declared pipeline while Camel starts: bad settings stop the service before any file moves
        ((ModelCamelContext) getCamelContext()).addRouteTemplateDefinitionConverter(TEMPLATE,
                (template, parameters) -> {
                    PipelineSettings settings = registry.register(PipelineSettingsParser.parse(
                            resolvePlaceholders(userParameters(parameters), parameters.get("name")), inboxRoot));
                    parameters.putAll(InboxEndpoint.parameters(settings, watch));
                    return template.asRouteDefinition();
                });

        routeTemplate(TEMPLATE)
                .from(InboxEndpoint.URI)
                .autoStartup("{{onceload.watch}}")
                .setHeader(PIPELINE_HEADER, constant("{{name}}"))
                .process(exchange -> runner.inboxFile(exchange.getMessage().getHeader(PIPELINE_HEADER, String.class),
                        Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath()));

        from(LOAD).routeId("onceload-load").routeConfigurationId("onceload-retry")
                .process(exchange -> exchange.getMessage().setBody(
                        loader.load(exchange.getMessage().getMandatoryBody(LoadRequest.class))));
    }

    /** The parameters as the user wrote them; Camel adds camelCase and kebab-case twins of every key. */
    public static Map<String, Object> userParameters(Map<String, Object> parameters) {
        Map<String, Object> user = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            if (!key.startsWith("onceload.")) {
                user.putIfAbsent(kebab(key), value);
            }
        });
        return user;
    }

    /**
     * A value that is wholly one property placeholder ({@code {{env:HOOK_URL}}}, {@code {{sys:x}}}, a key of the
     * properties) is resolved, so secrets come from the environment; a value that merely contains braces stays
     * literal (a table may be called {@code {{x}}.t}). Resolved values stay out of the parameters Camel logs.
     */
    private Map<String, Object> resolvePlaceholders(Map<String, Object> parameters, Object pipeline) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            String text = value == null ? null : value.toString();
            if (text != null && WHOLE_PLACEHOLDER.matcher(text.strip()).matches()) {
                try {
                    resolved.put(key, getCamelContext().resolvePropertyPlaceholders(text.strip()));
                } catch (RuntimeException e) {
                    throw new io.onceload.config.SettingsException("pipeline '" + pipeline + "': " + key + " refers to "
                            + text.strip() + ", which is not set");
                }
            } else {
                resolved.put(key, value);
            }
        });
        return resolved;
    }

    private static final java.util.regex.Pattern WHOLE_PLACEHOLDER = java.util.regex.Pattern.compile(
            "\\{\\{[^{}]+}}");

    static String kebab(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
