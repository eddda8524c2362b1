package io.onceload.config;

import io.onceload.sql.NamedSql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A pipeline that pulls its rows from another database instead of reading files: where, as whom, and the query.
 *
 * @param password never logged, printed or stored; {@link #toString()} leaves it out
 * @param query one SELECT with {@code ?} where its named parameters stood
 * @param names the named parameter of each {@code ?}, in order
 * @param fetchSize rows per round trip of the source's cursor
 */
public record PullSettings(String url, String user, String password, String query, List<String> names,
                           int fetchSize) {

    /** The named parameters a source query may use. */
    public static final List<String> NAMES = List.of("watermark", "logical_date", "data_interval_start",
            "data_interval_end");

    public PullSettings {
        names = List.copyOf(names);
    }

    /**
     * @param queryText inline SQL, or the path of a {@code .sql} file relative to the project folder
     * @throws SettingsException naming the pipeline, the key and what is allowed; never the password
     */
    static PullSettings parse(String pipeline, String url, String user, String password, String queryText,
                              int fetchSize, Path project) {
        if (!url.startsWith("jdbc:")) {
            throw invalid(pipeline, PipelineParameter.SOURCE_DB_URL, "must be a JDBC URL (jdbc:postgresql://…)",
                    shown(url));
        }
        if (queryText.isEmpty()) {
            throw invalid(pipeline, PipelineParameter.SOURCE_QUERY, "is required with source-db-url: a SELECT, or"
                    + " the path of a .sql file such as sql/" + pipeline + "_pull.sql", queryText);
        }
        String text = queryText;
        if (queryText.endsWith(".sql") && !queryText.contains("\n") && !queryText.contains(" ")) {
            Path file = project.resolve(queryText).toAbsolutePath().normalize();
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw invalid(pipeline, PipelineParameter.SOURCE_QUERY, "must be a readable file (" + file + ": "
                        + e.getMessage() + ")", queryText);
            }
        }
        NamedSql sql = NamedSql.parse(text);
        if (sql.statements().size() != 1) {
            throw invalid(pipeline, PipelineParameter.SOURCE_QUERY, "must hold exactly one query, found "
                    + sql.statements().size(), queryText);
        }
        sql.used().stream().filter(name -> !NAMES.contains(name)).findFirst().ifPresent(name -> {
            throw invalid(pipeline, PipelineParameter.SOURCE_QUERY, "uses the unknown named parameter :" + name
                    + "; valid: :" + String.join(", :", NAMES), queryText);
        });
        return new PullSettings(url, user.isEmpty() ? null : user, password.isEmpty() ? null : password,
                sql.statements().get(0), sql.names().get(0), fetchSize);
    }

    /** The URL without user info, as logs and errors may show it. */
    public String shownUrl() {
        return shown(url);
    }

    private static String shown(String url) {
        return url.replaceAll("//[^/@]*@", "//…@").replaceAll("(?i)password=[^&;]*", "password=…");
    }

    @Override
    public String toString() {
        return "pull from " + shownUrl() + (user == null ? "" : " as " + user)
                + (password == null ? "" : " with a password");
    }

    private static SettingsException invalid(String pipeline, PipelineParameter key, String rule, String shown) {
        return new SettingsException("pipeline '" + pipeline + "': " + key.key() + " " + rule + ", was '" + shown
                + "'");
    }
}
