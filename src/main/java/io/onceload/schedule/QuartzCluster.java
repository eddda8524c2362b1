package io.onceload.schedule;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's clustered JDBC job store on the onceload database, so that each fire of a schedule runs on exactly one
 * of the instances sharing it, and a fire whose instance died is recovered by another.
 */
public final class QuartzCluster {

    /** How often each instance checks in; Quartz declares one dead about 7.5 s after a missed check-in. */
    public static final long CHECKIN_MS = 5000;
    /** The Quartz group of every pipeline's trigger and job, from {@link ScheduleRoutes}' URIs. */
    static final String GROUP = "onceload";
    private static final String DATA_SOURCE = "onceload";
    private static final Logger LOG = LoggerFactory.getLogger(QuartzCluster.class);

    private QuartzCluster() {
    }

    /** A Quartz component whose scheduler keeps its jobs in the database and runs clustered. */
    public static QuartzComponent component(DataSource dataSource) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to the service, which closes it after Camel
            }

            @Override
            public void initialize() {
                // the pool is open already
            }
        });
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(properties(Instance.name()));
        // the scheduler name is the cluster's, so every instance must share it rather than prefix its own
        quartz.setPrefixInstanceName(false);
        quartz.setInterruptJobsOnShutdown(true);
        // Quartz would name its MBean after the instance id, whose host:pid colon JMX refuses; onceload's own JMX
        // interface is the documented one
        quartz.setEnableJmx(false);
        // started by the service once the stored schedules match the routes (reconcile), never before: a stored
        // trigger of a pipeline this instance no longer declares must not fire here
        quartz.setAutoStartScheduler(false);
        return quartz;
    }

    static Map<String, String> properties(String instanceId) {
        return Map.ofEntries(
                Map.entry("org.quartz.scheduler.instanceName", "onceload"),
                Map.entry("org.quartz.scheduler.instanceId", instanceId),
                Map.entry("org.quartz.scheduler.skipUpdateCheck", "true"),
                Map.entry("org.quartz.threadPool.threadCount", "10"),
                Map.entry("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX"),
                Map.entry("org.quartz.jobStore.driverDelegateClass",
                        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"),
                Map.entry("org.quartz.jobStore.dataSource", DATA_SOURCE),
                // the tables QuartzTables created in the onceload schema
                Map.entry("org.quartz.jobStore.tablePrefix", "onceload.QRTZ_"),
                Map.entry("org.quartz.jobStore.isClustered", "true"),
                Map.entry("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_MS)),
                // a fire late by less than this still runs with its own scheduled time; a later one only catches up
                Map.entry("org.quartz.jobStore.misfireThreshold", "60000"));
    }

    /**
     * Removes from the shared store the triggers of pipelines these routes no longer schedule, and those whose
     * time zone changed (Camel reschedules a changed cron, not a changed zone): the store outlives every route.
     */
    public static void reconcile(Scheduler scheduler, List<PipelineSettings> pipelines) throws SchedulerException {
        Map<String, PipelineSettings> scheduled = pipelines.stream().filter(p -> p.schedule().scheduled())
                .collect(Collectors.toMap(PipelineSettings::name, p -> p));
        Set<TriggerKey> keys = scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP));
        for (TriggerKey key : keys) {
            Optional<PipelineSettings> pipeline = Optional.ofNullable(scheduled.get(key.getName()));
            Trigger trigger = scheduler.getTrigger(key);
            boolean zoneChanged = pipeline.isPresent() && trigger instanceof CronTrigger cron
                    && !Objects.equals(cron.getTimeZone(), TimeZone.getTimeZone(pipeline.get().schedule().zone()));
            if (pipeline.isEmpty() || zoneChanged) {
                LOG.info("Removing the stored schedule of {}: {}", key.getName(),
                        pipeline.isEmpty() ? "no route schedules it any more" : "its time zone changed");
                scheduler.unscheduleJob(key);
            }
        }
    }
}
