package io.onceload.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the database is: {@code ONCELOAD_DB_URL}, {@code _USER}, {@code _PASSWORD} from the environment, else from a
 * properties file with the same keys; no URL means the embedded PostgreSQL. The password never appears in
 * {@link #toString()}.
 */
public record DatabaseSettings(String url, String user, String password) {

    public static final String URL = "ONCELOAD_DB_URL";
    public static final String USER = "ONCELOAD_DB_USER";
    public static final String PASSWORD = "ONCELOAD_DB_PASSWORD";
    /** Whether schedules run clustered over this database (true, false); external databases default to true. */
    public static final String CLUSTER = "ONCELOAD_CLUSTER";

    public static DatabaseSettings embedded() {
        return new DatabaseSettings(null, null, null);
    }

    /** Environment first, then the properties file if it exists. */
    public static DatabaseSettings from(Map<String, String> environment, Path propertiesFile) throws IOException {
        Properties file = load(propertiesFile);
        return new DatabaseSettings(pick(URL, environment, file), pick(USER, environment, file),
                pick(PASSWORD, environment, file));
    }

    /**
     * Whether this instance schedules through Quartz's clustered store in the database ({@link #CLUSTER}): by
     * default when the database is external, where other instances may share it; never needed for the embedded one.
     */
    public boolean clustered(Map<String, String> environment, Path propertiesFile) throws IOException {
        String value = pick(CLUSTER, environment, load(propertiesFile));
        if (value == null) {
            return !isEmbedded();
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(CLUSTER + " is '" + value + "'; valid values: true, false");
        };
    }

    private static Properties load(Path propertiesFile) throws IOException {
        Properties file = new Properties();
        if (propertiesFile != null && Files.isRegularFile(propertiesFile)) {
            try (InputStream in = Files.newInputStream(propertiesFile)) {
                file.load(in);
            }
        }
        return file;
    }

    private static String pick(String key, Map<String, String> environment, Properties file) {
        String value = environment.get(key);
        if (value == null || value.isBlank()) {
            value = file.getProperty(key);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    public boolean isEmbedded() {
        return url == null;
    }

    @Override
    public String toString() {
        return isEmbedded() ? "embedded PostgreSQL"
                : url + " as " + (user == null ? "(driver default user)" : user)
                        + (password == null ? "" : " with a password");
    }
}
