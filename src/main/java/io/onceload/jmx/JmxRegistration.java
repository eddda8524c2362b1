package io.onceload.jmx;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** onceload's MBeans in the platform MBean server, beside Camel's own, and their removal on stop. */
public final class JmxRegistration implements AutoCloseable {

    public static final String DOMAIN = "onceload";
    private static final Logger LOG = LoggerFactory.getLogger(JmxRegistration.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    public static ObjectName pipelineName(String pipeline) {
        // pipeline names are [a-z][a-z0-9_-]*, never characters ObjectName would need quoted
        return name("type=Pipeline,name=" + pipeline);
    }

    public static ObjectName serviceName() {
        return name("type=Service");
    }

    public MBeanServer server() {
        return server;
    }

    public void register(ObjectName name, Object mbean) {
        try {
            server.registerMBean(mbean, name);
            registered.add(name);
        } catch (InstanceAlreadyExistsException e) {
            // only when two services share one JVM (tests): the first one keeps the name
            LOG.warn("{} is already registered by another onceload in this JVM; not registered again", name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("{} was already gone", name);
            }
        }
        registered.clear();
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (JMException e) {
            throw new IllegalArgumentException(properties, e);
        }
    }
}
