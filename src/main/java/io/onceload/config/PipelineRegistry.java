package io.onceload.config;

import io.onceload.table.TableException;
import io.onceload.table.TargetTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The pipelines declared at startup, each checked against its target table before any file is read. */
public final class PipelineRegistry {

    private final DataSource dataSource;
    private final Map<String, PipelineSettings> pipelines = new ConcurrentHashMap<>();

    public PipelineRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Validates the table and key, then makes the pipeline known; any problem is a startup error. */
    public PipelineSettings register(PipelineSettings settings) {
        check(settings);
        pipelines.values().stream().filter(other -> other.inbox().equals(settings.inbox())).findFirst()
                .ifPresent(other -> {
                    throw new SettingsException("pipeline '" + settings.name() + "': inbox " + settings.inbox()
                            + " is already the inbox of pipeline '" + other.name() + "'");
                });
        if (pipelines.putIfAbsent(settings.name(), settings) != null) {
            throw new SettingsException("pipeline '" + settings.name() + "' is declared twice");
        }
        return settings;
    }

    /** Settings for an ad-hoc load into a table, checked like a declared pipeline but not registered. */
    public PipelineSettings adHoc(String table, Map<String, String> options, Path inboxRoot) {
        io.onceload.table.TableName name;
        try {
            name = io.onceload.table.TableName.parse(table);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("--table must be <table> or <schema>.<table> (" + e.getMessage() + "), was '"
                    + table + "'");
        }
        PipelineSettings settings = PipelineSettings.adHoc(name, options, inboxRoot);
        check(settings);
        return settings;
    }

    public Optional<PipelineSettings> find(String name) {
        return Optional.ofNullable(pipelines.get(name));
    }

    public List<String> names() {
        return pipelines.keySet().stream().sorted().toList();
    }

    private void check(PipelineSettings settings) {
        try (Connection connection = dataSource.getConnection()) {
            TargetTable table = TargetTable.resolve(connection, settings.table(), settings.effectiveKey());
            LoadRules rules = settings.rules();
            List<String> named = new java.util.ArrayList<>(rules.hashColumns());
            java.util.stream.Stream.of(rules.partitionColumn(), rules.versionColumn(), rules.watermarkColumn())
                    .filter(java.util.Objects::nonNull).forEach(named::add);
            for (String column : named) {
                if (table.column(column).isEmpty()) {
                    throw new TableException("column '" + column + "' named in the pipeline does not exist in table "
                            + table.name());
                }
            }
        } catch (TableException e) {
            throw new SettingsException("pipeline '" + settings.name() + "': " + e.getMessage());
        } catch (SQLException e) {
            throw new SettingsException("pipeline '" + settings.name() + "': cannot read table "
                    + settings.table() + ": " + e.getMessage());
        }
    }
}
