package io.onceload.health;

/** The database health as JMX attributes, for operators and monitoring agents that read JMX. */
public interface DatabaseHealthMXBean {

    boolean isHealthy();

    /** ISO-8601 instant of the last change between healthy and unhealthy (or of the first probe). */
    String getSince();

    /** Why the database is unreachable; null while it is healthy. */
    String getLastError();

    /** How many probes have run, so a stuck monitor can be told apart from a stable state. */
    long getProbes();
}
