package io.onceload.inbox;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.config.PipelineSettingsParser;
import io.onceload.load.FileLoader;
import io.onceload.load.LoadRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;

/**
 * The route template every {@code routes/*.camel.yaml} pipeline instantiates (inbox → load → archive), and the
 * one load route that the inbox and the CLI share.
 */
public final class PipelineRoutes extends RouteBuilder {

    public static final String TEMPLATE = "onceload-pipeline";
    public static final String LOAD = "direct:onceload-load";
    /** Global property: false for CLI commands, which must not consume inbox files. */
    public static final String WATCH_INBOX = "onceload.watch-inbox";

    static final String PIPELINE_HEADER = "OnceloadPipeline";
    static final String ARCHIVE_HEADER = "OnceloadArchive";

    private final PipelineRegistry registry;
    private final FileLoader loader;
    private final Path inboxRoot;

    public PipelineRoutes(PipelineRegistry registry, FileLoader loader, Path inboxRoot) {
        this.registry = registry;
        this.loader = loader;
        this.inboxRoot = inboxRoot;
    }

    @Override
    public void configure() {
        // runs once per declared pipeline while Camel starts: bad settings stop the service before any file moves
        ((ModelCamelContext) getCamelContext()).addRouteTemplateDefinitionConverter(TEMPLATE,
                (template, parameters) -> {
                    PipelineSettings settings = registry.register(
                            PipelineSettingsParser.parse(userParameters(parameters), inboxRoot));
                    parameters.putAll(InboxEndpoint.parameters(settings));
                    return template.asRouteDefinition();
                });

        InboxArchive archive = new InboxArchive();
        routeTemplate(TEMPLATE)
                .from(InboxEndpoint.URI)
                .autoStartup("{{" + WATCH_INBOX + "}}")
                .routeConfigurationId("onceload-retry")
                .setHeader(PIPELINE_HEADER, constant("{{name}}"))
                .process(exchange -> exchange.getMessage().setBody(InboxEndpoint.request(exchange, registry)))
                .to(LOAD)
                .process(archive::decide);

        from(LOAD).routeId("onceload-load").routeConfigurationId("onceload-retry")
                .process(exchange -> exchange.getMessage().setBody(
                        loader.load(exchange.getMessage().getMandatoryBody(LoadRequest.class))));
    }

    /** The parameters as the user wrote them; Camel adds camelCase and kebab-case twins of every key. */
    private static Map<String, Object> userParameters(Map<String, Object> parameters) {
        Map<String, Object> user = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            if (!key.startsWith("onceload.")) {
                user.putIfAbsent(kebab(key), value);
            }
        });
        return user;
    }

    static String kebab(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
