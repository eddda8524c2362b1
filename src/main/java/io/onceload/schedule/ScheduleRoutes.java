package io.onceload.schedule;

import io.onceload.config.PipelineSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.camel.builder.RouteBuilder;

/**
 * One Quartz route per scheduled pipeline: each fire hands the pipeline name and the fire's scheduled time
 * (not the moment it ran, which can be later) to the runner.
 */
public final class ScheduleRoutes extends RouteBuilder {

    private final List<PipelineSettings> pipelines;
    private final BiConsumer<String, Instant> onFire;

    public ScheduleRoutes(List<PipelineSettings> pipelines, BiConsumer<String, Instant> onFire) {
        this.pipelines = pipelines.stream().filter(p -> p.schedule().scheduled()).toList();
        this.onFire = onFire;
    }

    @Override
    public void configure() {
        for (PipelineSettings pipeline : pipelines) {
            String name = pipeline.name();
            from(uri(pipeline)).routeId(name + "-schedule")
                    .process(exchange -> onFire.accept(name,
                            exchange.getMessage().getHeader("scheduledFireTime", Date.class).toInstant()));
        }
    }

    /**
     * stateful: a fire never overlaps the pipeline's previous one; the runner's lock covers other triggers.
     * recoverableJob: in a cluster, a fire whose instance died runs again on another, with its own fire time.
     */
    static String uri(PipelineSettings pipeline) {
        return "quartz://onceload/" + pipeline.name()
                + "?cron=" + URLEncoder.encode(pipeline.schedule().cron(), StandardCharsets.UTF_8)
                + "&trigger.timeZone=" + URLEncoder.encode(pipeline.schedule().zone().getId(), StandardCharsets.UTF_8)
                + "&stateful=true&recoverableJob=true";
    }
}
