package io.onceload.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.jmx.JmxRegistration;
import io.onceload.jmx.PipelineMBean;
import io.onceload.testing.Cli;
import io.onceload.testing.LandingFiles;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;
import javax.management.JMX;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running service as operators reach it: a real Quartz fire, JMX in-process and through the CLI. */
class ServiceOperationsTest {

    // far from UTC, so a logical date taken from the wrong zone shows
    private static final ZoneId ZONE = ZoneId.of("Pacific/Kiritimati");

    @TempDir
    Path home;

    private LandingFiles landing;
    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        Cli.configure(home);
        landing = new LandingFiles(home.resolve("landing"));
        service = startWith("0 0 2 * * ?");
    }

    private TestApp startWith(String cron) throws Exception {
        return TestApp.start(home, "orders", TestApp.pipeline("orders", "schedule", cron,
                "timezone", ZONE.getId(), "source", landing.pattern()));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    /** A day's file of one order of its own. */
    private Path landing(LocalDate date) throws Exception {
        return landing.write(date, (1000 + date.getDayOfYear() * 10) + ",1," + date + ",paid,10.00,EUR," + date
                + "T01:00:00Z\n");
    }

    @Test
    void aCronFireRunsTheFireDateInThePipelinesTimezone() throws Exception {
        landing(LocalDate.now(ZONE));
        landing(LocalDate.now(ZONE).plusDays(1)); // a fire just after midnight there belongs to the next day
        service.close();
        service = startWith("0/2 * * * * ?"); // only here: a fire every two seconds would race the other tests

        TestApp.await("a scheduled run", Duration.ofSeconds(30), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.run WHERE pipeline = 'orders' AND trigger = 'schedule'") > 0);

        var run = TestDatabase.rows("SELECT logical_date::text, status, started_at FROM onceload.run"
                + " WHERE pipeline = 'orders' AND trigger = 'schedule' ORDER BY started_at LIMIT 1").get(0);
        LocalDate expected = java.time.OffsetDateTime.parse(run.get(2).replace(' ', 'T') + ":00")
                .atZoneSameInstant(ZONE).toLocalDate();
        assertThat(run.get(0)).isEqualTo(expected.toString());
        assertThat(run.get(1)).isEqualTo("published");
    }

    @Test
    void jmxTriggerInProcessAndThroughTheCli() throws Exception {
        LocalDate date = LocalDate.of(2026, 3, 1);
        landing(date);
        PipelineMBean local = JMX.newMBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                JmxRegistration.pipelineName("orders"), PipelineMBean.class);

        assertThat(local.trigger(date.toString())).singleElement().asString()
                .startsWith(date + " jmx orders_" + date + ".csv: published — 1 inserted");
        assertThat(local.getLastRunStatus()).isEqualTo("published");
        assertThat(local.getLastRunCounts()).isEqualTo("inserted=1 updated=0 unchanged=0 rejected=0");

        Cli again = Cli.run(home, "trigger", "orders", "--date", date.toString());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).startsWith(date + " jmx orders_" + date + ".csv: skipped — already loaded");

        Cli missing = Cli.run(home, "trigger", "orders", "--date", "2026-03-02");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.out()).contains(": missing-input — no file at ");

        Cli badDate = Cli.run(home, "backfill", "orders", "--from", "2026-03-05", "--to", "2026-03-01");
        assertThat(badDate.status()).isEqualTo(1);
        assertThat(badDate.err().strip()).isEqualTo("backfill of 'orders': to must be on or after from,"
                + " was from 2026-03-05 to 2026-03-01");

        Cli status = Cli.run(home, "status");
        assertThat(status.status()).as(status.err()).isZero();
        assertThat(status.out()).contains("database: reachable", "orders", "schedule:  0 0 2 * * ? ("
                + ZONE.getId() + ")", "next fire: ", "pending:   0");

        Cli runs = Cli.run(home, "runs", "orders", "--json", "--limit", "50");
        ObjectMapper json = new ObjectMapper();
        JsonNode jmxRun = runs.out().lines().map(line -> read(json, line))
                .filter(node -> node.get("logical_date").asText().equals("2026-03-01"))
                .filter(node -> node.get("status").asText().equals("published")).findFirst().orElseThrow();
        assertThat(jmxRun.get("trigger").asText()).isEqualTo("jmx");
        assertThat(jmxRun.get("inserted").asLong()).isEqualTo(1);
    }

    @Test
    void reprocessLoadsKnownContentAgainWithoutRewritingARow() throws Exception {
        LocalDate date = LocalDate.of(2026, 3, 1);
        Path file = landing(date);
        PipelineMBean local = JMX.newMBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                JmxRegistration.pipelineName("orders"), PipelineMBean.class);
        local.trigger(date.toString());
        var versions = Orders.versions();

        Cli reprocess = Cli.run(home, "reprocess", "orders", file.toString());

        assertThat(reprocess.status()).as(reprocess.err()).isZero();
        assertThat(reprocess.out()).contains(" jmx orders_" + date + ".csv: published — 0 inserted, 0 updated,"
                + " 1 unchanged, 0 rejected");
        assertThat(Orders.versions()).as("the row keeps its version").isEqualTo(versions);
        assertThat(file).as("a file outside the inbox stays where it is").exists();
        assertThat(Cli.run(home, "reprocess", "orders", "nope.csv").err()).contains("no such file");
    }

    @Test
    void jmxWithoutCredentialsIsRefusedAndTheCliSaysWhenNoServiceRuns() throws Exception {
        Properties connection = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("data/jmx.properties"))) {
            connection.load(reader);
        }
        JMXServiceURL url = new JMXServiceURL(connection.getProperty("url"));

        assertThatThrownBy(() -> JMXConnectorFactory.connect(url, null)).isInstanceOf(SecurityException.class);
        assertThat(Files.getPosixFilePermissions(home.resolve("data/jmx.properties")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        service.close();
        Cli none = Cli.run(home, "trigger", "orders");
        assertThat(none.status()).isEqualTo(3);
        assertThat(none.err()).startsWith("no onceload service is running");
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
