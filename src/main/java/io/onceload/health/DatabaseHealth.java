package io.onceload.health;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Probes the database on a daemon thread and keeps whether it answers, logging only the changes. */
public final class DatabaseHealth implements DatabaseHealthMXBean, AutoCloseable {

    /** Healthy or not, since when, and (only while unhealthy) why. */
    public record Status(boolean healthy, Instant since, Optional<String> error) {
    }

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final String DEFAULT_OBJECT_NAME = "onceload:type=Health,name=database";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

    private final DatabaseProbe probe;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong probes = new AtomicLong();
    private final Status notProbed = new Status(false, Instant.now(), Optional.of("not probed yet"));
    private volatile Status status = notProbed;
    private volatile boolean closed;
    private boolean started;
    private ObjectName mbeanName;

    public DatabaseHealth(DataSource dataSource) {
        this(dataSource, DEFAULT_INTERVAL);
    }

    /** @param dataSource the service's pool; a Hikari pool is probed on a connection of its own, never borrowed */
    public DatabaseHealth(DataSource dataSource, Duration interval) {
        this.probe = new DatabaseProbe(dataSource);
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "onceload-db-health");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Probes once on the calling thread, so the state is known on return, then every interval in the background. */
    public synchronized DatabaseHealth start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        probe();
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::probe, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Called on the probe thread with each new status (not when only the error changes during an outage). */
    public void addListener(Consumer<Status> listener) {
        listeners.add(listener);
    }

    /** Makes the attributes of {@link DatabaseHealthMXBean} readable at that name until {@link #close()}. */
    public synchronized void registerMBean(String objectName) {
        try {
            ObjectName name = new ObjectName(objectName);
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, name);
            mbeanName = name;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + objectName + ": " + e.getMessage(), e);
        }
    }

    public Status status() {
        return status;
    }

    @Override
    public boolean isHealthy() {
        return status.healthy();
    }

    public Optional<String> lastError() {
        return status.error();
    }

    public Instant since() {
        return status.since();
    }

    @Override
    public String getSince() {
        return since().toString();
    }

    @Override
    public String getLastError() {
        return lastError().orElse(null);
    }

    @Override
    public long getProbes() {
        return probes.get();
    }

    private void probe() {
        Optional<String> error = probe.check();
        if (!closed) {
            update(error);
        }
        probes.incrementAndGet();
    }

    private void update(Optional<String> error) {
        Status before = status;
        boolean healthy = error.isEmpty();
        if (before != notProbed && before.healthy() == healthy) {
            if (!before.error().equals(error)) {
                // same outage, new reason: worth reading, not worth another WARN
                status = new Status(false, before.since(), error);
            }
            return;
        }
        Status now = new Status(healthy, Instant.now(), error);
        status = now;
        if (!healthy) {
            LOG.warn("Database unreachable, the service reports itself unhealthy: {}", error.get());
        } else if (before != notProbed) {
            LOG.info("Database reachable again after {} s", Duration.between(before.since(), now.since()).toSeconds());
        }
        for (Consumer<Status> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("A database health listener failed: {}", e.toString());
            }
        }
    }

    /** Stops probing (waiting for a probe under way, so no connection outlives it) and unregisters the MBean. */
    @Override
    public synchronized void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(3L * DatabaseProbe.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (JMException e) {
                LOG.debug("{} was already unregistered", mbeanName);
            }
            mbeanName = null;
        }
    }
}
