package io.onceload.cli;

import io.onceload.health.DatabaseHealth;
import io.onceload.jmx.PipelineMBean;
import java.util.concurrent.Callable;
import javax.management.ObjectName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onceload status}: what the running service is doing, pipeline by pipeline. */
@Command(name = "status", description = {
        "Show the running service: database health, and per pipeline its schedule, next fire, pending files",
        "and last run. Exit status 0 when healthy, 1 when the database is unreachable, 3 when no service runs."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return RemoteService.call(spec, options.data, (connection, out) -> {
            ObjectName healthName = new ObjectName(DatabaseHealth.DEFAULT_OBJECT_NAME);
            boolean healthy = (Boolean) connection.getAttribute(healthName, "Healthy");
            out.println("database: " + (healthy ? "reachable"
                    : "UNREACHABLE — " + connection.getAttribute(healthName, "LastError")));
            for (String name : RemoteService.pipelines(connection)) {
                PipelineMBean pipeline = RemoteService.pipeline(connection, name);
                out.println();
                out.println(name);
                out.println("  schedule:  " + orNone(pipeline.getSchedule()));
                out.println("  next fire: " + orNone(pipeline.getNextFireTime()));
                String[] pending = pipeline.getPendingFiles();
                out.println("  pending:   " + pending.length + (pending.length == 0 ? ""
                        : " (" + String.join(", ", pending) + ")"));
                out.println("  last run:  " + (pipeline.getLastRunId() == null ? "(none)"
                        : pipeline.getLastRunStatus() + " " + pipeline.getLastRunLogicalDate() + " "
                        + pipeline.getLastRunCounts() + " (run " + pipeline.getLastRunId() + ")"));
                String[] dates = pipeline.getRecentDates();
                out.println("  dates:     " + (dates.length == 0 ? "(none in the last 7 days)" : dates[0]));
                for (int i = 1; i < dates.length; i++) {
                    out.println("             " + dates[i]);
                }
            }
            if (healthy) {
                instances(out);
            }
            return healthy ? 0 : 1;
        });
    }

    /**
     * From the database, so every service on it counts: the instances whose heartbeat is recent, and the
     * notifications still pending or given up.
     */
    private void instances(java.io.PrintWriter out) throws Exception {
        try (ReadOnlySession session = ReadOnlySession.open(options);
             var statement = session.connection().prepareStatement("SELECT name, started_at, running FROM"
                     + " onceload.instance WHERE heartbeat_at > now() - interval '30 seconds' ORDER BY name");
             var rs = statement.executeQuery();
             var outbox = session.connection().prepareStatement("SELECT count(*) FILTER (WHERE status = 'pending'),"
                     + " count(*) FILTER (WHERE status = 'dead') FROM onceload.outbox");
             var counts = outbox.executeQuery()) {
            out.println();
            out.println("instances (heartbeat in the last 30 s):");
            while (rs.next()) {
                String[] running = (String[]) rs.getArray(3).getArray();
                out.println("  " + rs.getString(1) + "  since " + rs.getTimestamp(2).toInstant() + "  running: "
                        + (running.length == 0 ? "nothing" : String.join(", ", running)));
            }
            counts.next();
            out.println();
            out.println("notifications: " + counts.getLong(1) + " pending, " + counts.getLong(2) + " dead"
                    + (counts.getLong(2) == 0 ? "" : " (see ./onceload notifications)"));
        }
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }
}
