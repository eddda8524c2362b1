package io.onceload.health;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** One check that the database answers, on a fresh connection that gives up within a few seconds. */
final class DatabaseProbe {

    /** Seconds each step of a probe (TCP connect, login, validity query) may take. */
    static final int TIMEOUT_SECONDS = 2;

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s]*");

    private interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final String password;

    /**
     * A Hikari pool is probed with its own URL and credentials on a connection of the probe's own, never a pooled
     * one: a borrow waits up to the pool's connectionTimeout, and loaders holding every connection would look like an
     * outage. Any other DataSource is asked for a connection as it is, so it should bound its own connect time.
     */
    DatabaseProbe(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            password = pool.getPassword();
            Properties props = new Properties();
            pool.getDataSourceProperties().forEach((k, v) -> props.setProperty(k.toString(), v.toString()));
            if (pool.getUsername() != null) {
                props.setProperty("user", pool.getUsername());
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            // a name of its own keeps the probe out of counts of the service's sessions
            props.setProperty("ApplicationName", "onceload-health");
            props.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
            // a server that accepts TCP but never answers would otherwise hold the probe forever
            props.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
            props.setProperty("socketTimeout", Integer.toString(2 * TIMEOUT_SECONDS));
            String url = pool.getJdbcUrl();
            connector = () -> DriverManager.getConnection(url, props);
        } else {
            password = null;
            connector = dataSource::getConnection;
        }
    }

    /** @return why the database did not answer, or empty when it did */
    Optional<String> check() {
        try (Connection connection = connector.connect()) {
            return connection.isValid(TIMEOUT_SECONDS) ? Optional.empty()
                    : Optional.of("no answer to a validity check within " + TIMEOUT_SECONDS + " s");
        } catch (Throwable e) {
            // the caller runs on a scheduler, where anything thrown would silently cancel every later probe
            return Optional.of(describe(e, password));
        }
    }

    /** The first line of the message, with the password masked wherever a driver might echo it. */
    static String describe(Throwable e, String password) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName()
                : e.getMessage().strip().lines().findFirst().orElse("");
        if (password != null && !password.isEmpty()) {
            message = message.replace(password, "***");
        }
        return PASSWORD_PARAMETER.matcher(message).replaceAll("$1***");
    }
}
