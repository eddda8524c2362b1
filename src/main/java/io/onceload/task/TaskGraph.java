package io.onceload.task;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.config.SettingsException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The tasks declared per pipeline, checked as a graph once every declaration is read: known upstreams, no cycle. */
public final class TaskGraph {

    private final Map<String, Map<String, TaskSettings>> byPipeline = new ConcurrentHashMap<>();
    private final Map<String, List<TaskSettings>> ordered = new ConcurrentHashMap<>();
    private final Map<String, java.time.ZoneId> zones = new ConcurrentHashMap<>();
    /** Until every declaration is read and checked, no load may publish: it could not know what it owes. */
    private volatile boolean resolved;

    void register(TaskSettings task) {
        Map<String, TaskSettings> tasks = byPipeline.computeIfAbsent(task.pipeline(), p -> new LinkedHashMap<>());
        synchronized (tasks) {
            if (tasks.putIfAbsent(task.name(), task) != null) {
                throw new SettingsException(task.label() + " is declared twice");
            }
        }
    }

    /** Checks every pipeline's graph and tables and fixes its order; any problem is a startup error. */
    void resolve(PipelineRegistry pipelines, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<String, Map<String, TaskSettings>> entry : byPipeline.entrySet()) {
                TaskSettings any = entry.getValue().values().iterator().next();
                PipelineSettings pipeline = pipelines.find(entry.getKey()).orElseThrow(() -> new SettingsException(
                        any.label() + ": pipeline '" + entry.getKey() + "' is not declared; declared pipelines: "
                                + String.join(", ", pipelines.names())));
                List<TaskSettings> checked = new ArrayList<>();
                for (TaskSettings task : order(entry.getValue())) {
                    checked.add(TaskCatalog.check(connection, task, pipeline));
                }
                ordered.put(entry.getKey(), List.copyOf(checked));
                zones.put(entry.getKey(), pipeline.schedule().zone());
            }
            resolved = true;
        } catch (SQLException e) {
            throw new SettingsException("cannot check the declared tasks against the database: " + e.getMessage());
        }
    }

    /** The pipeline's tasks in dependency order (declaration order among independent ones); empty when none. */
    /** The pipeline's task names in dependency order. */
    public List<String> taskNames(String pipeline) {
        return tasks(pipeline).stream().map(TaskSettings::name).toList();
    }

    public List<TaskSettings> tasks(String pipeline) {
        return ordered.getOrDefault(pipeline, List.of());
    }

    /** Whether the graph is checked and complete; before, the inbox may already be read (Camel started). */
    boolean resolved() {
        return resolved;
    }

    /** The zone the pipeline's logical dates are days of. */
    java.time.ZoneId zone(String pipeline) {
        return zones.getOrDefault(pipeline, java.time.ZoneOffset.UTC);
    }

    /** Whether nothing runs after a publish commits: no tasks, or only checks that run inside the load. */
    public boolean onlyChecksInTheLoad(String pipeline) {
        return tasks(pipeline).stream().allMatch(TaskGraph::insideTheLoad);
    }

    /** A check right after the load runs inside the load's transaction (see {@link TaskDebt}). */
    static boolean insideTheLoad(TaskSettings task) {
        return task.kind() == TaskKind.CHECK && task.after().equals(List.of(TaskSettings.LOAD));
    }

    public boolean hasTasks(String pipeline) {
        return !tasks(pipeline).isEmpty();
    }

    /** The task and every task that depends on it, directly or not, in dependency order. */
    List<TaskSettings> withDownstream(PipelineSettings pipeline, String task) {
        task(pipeline, task); // an unknown name is an error, not an empty clear
        Set<String> reached = new LinkedHashSet<>(List.of(task));
        List<TaskSettings> result = new ArrayList<>();
        for (TaskSettings candidate : tasks(pipeline.name())) {
            if (reached.contains(candidate.name()) || candidate.after().stream().anyMatch(reached::contains)) {
                reached.add(candidate.name());
                result.add(candidate);
            }
        }
        return result;
    }

    TaskSettings task(PipelineSettings pipeline, String name) {
        return tasks(pipeline.name()).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("pipeline '" + pipeline.name() + "' has no task '" + name + "'; tasks: "
                        + String.join(", ", tasks(pipeline.name()).stream().map(TaskSettings::name).toList())));
    }

    private static List<TaskSettings> order(Map<String, TaskSettings> tasks) {
        for (TaskSettings task : tasks.values()) {
            for (String upstream : task.after()) {
                if (!upstream.equals(TaskSettings.LOAD) && !tasks.containsKey(upstream)) {
                    throw new SettingsException(task.label() + ": after names the unknown task '" + upstream
                            + "'; known: load, " + String.join(", ", tasks.keySet()));
                }
            }
        }
        List<TaskSettings> result = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>(List.of(TaskSettings.LOAD));
        while (result.size() < tasks.size()) {
            TaskSettings next = tasks.values().stream().filter(t -> !done.contains(t.name()))
                    .filter(t -> done.containsAll(t.after())).findFirst().orElse(null);
            if (next == null) {
                List<String> cycle = tasks.values().stream().filter(t -> !done.contains(t.name()))
                        .map(TaskSettings::name).sorted().toList();
                throw new SettingsException(tasks.values().iterator().next().label().replaceAll(" task .*", "")
                        + ": tasks " + String.join(", ", cycle) + " depend on each other in a cycle");
            }
            done.add(next.name());
            result.add(next);
        }
        return List.copyOf(result);
    }
}
