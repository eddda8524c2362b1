package io.onceload.pull;

import io.onceload.config.PipelineSettings;
import io.onceload.load.TransientLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.builder.RouteBuilder;

/**
 * The pull route: binds the stored watermark and the date into the pipeline's source query and spools its result,
 * retried by the load's retry policy while the source is unreachable.
 */
public final class PullRoutes extends RouteBuilder {

    public static final String PULL = "direct:onceload-pull";

    private final DataSource target;
    private final Path spoolDir;

    /** @param spoolDir where results wait for their load (one file per pipeline; a crash leaves one to overwrite) */
    public PullRoutes(DataSource target, Path spoolDir) {
        this.target = target;
        this.spoolDir = spoolDir;
    }

    @Override
    public void configure() {
        from(PULL).routeId("onceload-pull").routeConfigurationId("onceload-retry")
                .process(exchange -> exchange.getMessage().setBody(
                        pull(exchange.getMessage().getMandatoryBody(PullRequest.class))));
    }

    /** @return the spool file, the result as CSV */
    private Path pull(PullRequest request) {
        PipelineSettings pipeline = request.pipeline();
        Path spool = spoolDir.resolve(pipeline.name() + "_" + request.logicalDate() + ".pull.csv");
        try {
            Files.createDirectories(spoolDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + spoolDir, e);
        }
        long rows = SourcePull.spool(pipeline, request.logicalDate(), watermark(pipeline), spool);
        log.info("{}: pulled {} rows for {} from {}", pipeline.name(), rows, request.logicalDate(),
                pipeline.pull().orElseThrow().shownUrl());
        return spool;
    }

    /** The pipeline's stored watermark as text (for its current watermark column), or null before the first. */
    private String watermark(PipelineSettings pipeline) {
        String column = pipeline.rules().watermarkColumn();
        if (column == null) {
            return null;
        }
        try (Connection connection = target.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT value FROM onceload.watermark WHERE pipeline = ? AND column_name = ?")) {
            ps.setString(1, pipeline.name());
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new TransientLoadException(pipeline.name() + ": cannot read the watermark: " + e.getMessage(), e);
        }
    }
}
