package io.onceload.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.onceload.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** The check registers on an already started Camel Main and reports DOWN for readiness only. */
class DatabaseHealthCheckTest {

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void registeredAfterMainStartsItReportsAnUnreachableDatabaseAsNotReady() throws Exception {
        Main main = new Main();
        main.configure().withName("health-check-test");
        try (HikariDataSource pool = DatabaseHealthTest.pool(closedPort(), null);
             DatabaseHealth health = new DatabaseHealth(pool, Duration.ofMillis(200)).start()) {
            main.start();
            CamelContext camel = main.getCamelContext();
            DatabaseHealthCheck.register(camel, health);

            HealthCheck.Result result = DatabaseHealthTest.camelCheck(camel);
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getDetails()).containsKeys(DatabaseHealthCheck.ERROR, DatabaseHealthCheck.SINCE);
            assertThat((String) result.getDetails().get(DatabaseHealthCheck.ERROR)).contains("refused");
            assertThat(DatabaseHealthTest.camelReady(camel)).isFalse();
            assertThat(HealthCheckHelper.isResultsUp(HealthCheckHelper.invokeReadiness(camel), true)).isFalse();
            assertThat(HealthCheckHelper.invokeLiveness(camel))
                    .noneMatch(r -> r.getCheck() instanceof DatabaseHealthCheck);
            // camel-management exposes the whole registry too: Camel's own health MBean turns unhealthy with it
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = jmx.queryNames(
                    new ObjectName("org.apache.camel:context=health-check-test,type=health,*"), null);
            assertThat(names).hasSize(1);
            assertThat(jmx.getAttribute(names.iterator().next(), "Healthy")).isEqualTo(false);

            assertThatThrownBy(() -> DatabaseHealthCheck.register(camel, health))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already registered");
        } finally {
            main.stop();
        }
    }

    @Test
    void reportsUpForTheSharedTestDatabase() throws Exception {
        Main main = new Main();
        main.configure().withName("health-check-up-test");
        try (DatabaseHealth health = new DatabaseHealth(TestDatabase.dataSource()).start()) {
            main.start();
            DatabaseHealthCheck.register(main.getCamelContext(), health);
            HealthCheck.Result result = DatabaseHealthTest.camelCheck(main.getCamelContext());
            assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(result.getDetails()).doesNotContainKey(DatabaseHealthCheck.ERROR);
            assertThat(DatabaseHealthTest.camelReady(main.getCamelContext())).isTrue();
        } finally {
            main.stop();
        }
    }
}
