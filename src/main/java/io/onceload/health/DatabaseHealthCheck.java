package io.onceload.health;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Camel's readiness view of {@link DatabaseHealth}: DOWN, with the reason, while the database is unreachable. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    public static final String GROUP = "onceload";
    public static final String ID = "database";
    public static final String ERROR = "database.error";
    public static final String SINCE = "database.since";

    private final DatabaseHealth health;

    public DatabaseHealthCheck(DatabaseHealth health) {
        super(GROUP, ID);
        this.health = health;
    }

    /**
     * Adds the check to the context's health check registry; works before or after the context starts.
     *
     * @throws IllegalStateException when camel-health (the registry implementation) is not on the classpath
     */
    public static DatabaseHealthCheck register(CamelContext context, DatabaseHealth health) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null) {
            throw new IllegalStateException("Camel has no health check registry: add camel-health to the classpath");
        }
        DatabaseHealthCheck check = new DatabaseHealthCheck(health);
        if (!registry.register(check)) {
            throw new IllegalStateException("a health check '" + ID + "' is already registered");
        }
        return check;
    }

    /** A restart does not bring the database back, so an outage must not make an orchestrator kill the service. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // reads the last probe's result: a health endpoint must answer at once, even while the database hangs
        DatabaseHealth.Status status = health.status();
        builder.detail(SINCE, status.since().toString());
        if (status.healthy()) {
            builder.up();
        } else {
            String error = status.error().orElse("unknown");
            builder.down().message("database unreachable: " + error).detail(ERROR, error);
        }
    }
}
