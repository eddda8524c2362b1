package io.onceload.config;

import io.onceload.table.TableName;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns the raw parameters of a pipeline declaration into {@link PipelineSettings}, or says exactly what is wrong. */
public final class PipelineSettingsParser {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    static final String CONTENT_HASH = "content-hash";
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._*?-]+(,[A-Za-z0-9._*?-]+)*");
    private static final Pattern IDENTIFIER_LIST = Pattern.compile("[^,]+(,[^,]+)*");

    private PipelineSettingsParser() {
    }

    /**
     * @param raw parameter key to value, as written in the pipeline file
     * @param inboxRoot directory under which the default inbox {@code <name>} lives
     */
    public static PipelineSettings parse(Map<String, ?> raw, Path inboxRoot) {
        Object nameValue = raw.get(PipelineParameter.NAME.key());
        String name = nameValue == null ? "" : nameValue.toString().trim();
        if (!NAME.matcher(name).matches()) {
            throw new SettingsException("pipeline '" + name + "': name must match " + NAME.pattern()
                    + ", was '" + name + "'");
        }
        Values values = new Values(name, raw);
        TableName table;
        try {
            table = TableName.parse(values.text(PipelineParameter.TABLE, name));
        } catch (IllegalArgumentException e) {
            throw values.invalid(PipelineParameter.TABLE, "must be <table> or <schema>.<table> (" + e.getMessage()
                    + "; a name that contains '.' goes in double quotes: sales.\"my.table\")");
        }
        String inboxText = values.text(PipelineParameter.INBOX, "");
        // a relative inbox is taken from the folder that holds the inbox root (the project), not from the shell's cwd
        Path base = inboxRoot.toAbsolutePath().getParent();
        Path inbox = inboxText.isEmpty() ? inboxRoot.resolve(name) : base.resolve(inboxText);
        return new PipelineSettings(
                name,
                table,
                values.keyColumns(),
                inbox.toAbsolutePath().normalize(),
                values.include(),
                values.delimiter(),
                values.encoding(),
                (int) values.number(PipelineParameter.BATCH_SIZE, 10_000, 1, 10_000_000),
                values.number(PipelineParameter.MAX_REJECTS, 0, 0, Long.MAX_VALUE),
                values.headerMapping(),
                values.number(PipelineParameter.STABLE_MS, 1000, 0, 3_600_000),
                values.number(PipelineParameter.POLL_MS, 1000, 10, 86_400_000),
                LoadRulesParser.parse(values),
                ScheduleSettingsParser.parse(values, base),
                NotifySettings.parse(values),
                pull(values, base));
    }

    private static Optional<PullSettings> pull(Values values, Path base) {
        String url = values.text(PipelineParameter.SOURCE_DB_URL, "");
        if (url.isEmpty()) {
            for (PipelineParameter p : List.of(PipelineParameter.SOURCE_DB_USER, PipelineParameter.SOURCE_DB_PASSWORD,
                    PipelineParameter.SOURCE_QUERY, PipelineParameter.SOURCE_FETCH_SIZE)) {
                if (!values.text(p, "").isEmpty()) {
                    throw new SettingsException(values.label() + ": " + p.key() + " needs source-db-url");
                }
            }
            return Optional.empty();
        }
        if (!values.text(PipelineParameter.SOURCE, "").isEmpty()) {
            throw new SettingsException(values.label() + ": source (files) and source-db-url (a database) exclude"
                    + " each other: a pipeline reads one kind of input");
        }
        for (PipelineParameter p : List.of(PipelineParameter.ENCODING, PipelineParameter.DELIMITER,
                PipelineParameter.INCLUDE, PipelineParameter.INBOX)) {
            if (!values.text(p, "").isEmpty()) {
                throw new SettingsException(values.label() + ": " + p.key() + " is about files and means nothing for a"
                        + " pipeline that pulls from source-db-url");
            }
        }
        // the password is never trimmed or echoed: it is taken exactly as given
        String password = values.raw.getOrDefault(PipelineParameter.SOURCE_DB_PASSWORD.key(), "");
        return Optional.of(PullSettings.parse(values.pipeline(), url, values.text(PipelineParameter.SOURCE_DB_USER, ""),
                password, values.text(PipelineParameter.SOURCE_QUERY, ""),
                (int) values.number(PipelineParameter.SOURCE_FETCH_SIZE, 10_000, 1, 1_000_000), base));
    }

    /** Raw values of one pipeline; every accessor validates and names the key in its error. */
    static final class Values {
        private final String pipeline;
        final Map<String, String> raw = new LinkedHashMap<>();

        Values(String pipeline, Map<String, ?> supplied) {
            this.pipeline = pipeline;
            supplied.forEach((key, value) -> {
                if (PipelineParameter.byKey(key).isEmpty()) {
                    throw new SettingsException("pipeline '" + pipeline + "': unknown parameter '" + key
                            + "' (value '" + value + "'); valid parameters: " + PipelineParameter.validKeys());
                }
                raw.put(key, value == null ? "" : value.toString());
            });
        }

        String text(PipelineParameter p, String fallback) {
            String value = raw.get(p.key());
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        String pipeline() {
            return pipeline;
        }

        String label() {
            return "pipeline '" + pipeline + "'";
        }

        SettingsException invalid(PipelineParameter p, String rule) {
            return new SettingsException("pipeline '" + pipeline + "': " + p.key() + " " + rule
                    + ", was '" + raw.getOrDefault(p.key(), "") + "'");
        }

        long number(PipelineParameter p, long fallback, long min, long max) {
            String text = text(p, Long.toString(fallback));
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(p, "must be a whole number");
            }
            if (value < min) {
                throw invalid(p, "must be >= " + min);
            }
            if (value > max) {
                throw invalid(p, "must be <= " + max);
            }
            return value;
        }

        List<String> keyColumns() {
            String text = text(PipelineParameter.KEY, "");
            if (text.isEmpty() || text.equals(CONTENT_HASH)) {
                return List.of();
            }
            if (!IDENTIFIER_LIST.matcher(text).matches()) {
                throw invalid(PipelineParameter.KEY, "must be a comma-separated list of column names");
            }
            return Arrays.stream(text.split(",")).map(String::trim).toList();
        }

        String include() {
            String glob = text(PipelineParameter.INCLUDE, "*.csv");
            // the glob becomes part of the file endpoint's URI: characters like & # + would change its options
            if (!GLOB.matcher(glob).matches() || glob.startsWith(".")) {
                throw invalid(PipelineParameter.INCLUDE, "must be file-name globs of letters, digits and"
                        + " . _ - * ? separated by ',' (no directories, no leading '.')");
            }
            return glob;
        }

        char delimiter() {
            String text = raw.getOrDefault(PipelineParameter.DELIMITER.key(), ",");
            if (text.equals("tab") || text.equals("\\t")) {
                return '\t';
            }
            if (text.length() != 1 || "\"\r\n".contains(text)) {
                throw invalid(PipelineParameter.DELIMITER,
                        "must be one character other than a quote or line break, or 'tab'");
            }
            return text.charAt(0);
        }

        Charset encoding() {
            String text = text(PipelineParameter.ENCODING, "UTF-8");
            try {
                return Charset.forName(text);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw invalid(PipelineParameter.ENCODING,
                        "must be a charset this JVM supports, such as UTF-8, ISO-8859-1, windows-1252, UTF-16");
            }
        }

        boolean flag(PipelineParameter p, boolean fallback) {
            String text = text(p, Boolean.toString(fallback));
            if (!text.equals("true") && !text.equals("false")) {
                throw invalid(p, "must be one of true, false");
            }
            return Boolean.parseBoolean(text);
        }

        String optional(PipelineParameter p) {
            String value = text(p, "");
            return value.isEmpty() ? null : value;
        }

        Map<String, String> headerMapping() {
            String text = text(PipelineParameter.HEADER_MAPPING, "");
            Map<String, String> mapping = new LinkedHashMap<>();
            if (text.isEmpty()) {
                return mapping;
            }
            for (String pair : text.split(";")) {
                int eq = pair.lastIndexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw invalid(PipelineParameter.HEADER_MAPPING,
                            "must be 'CSV header=column' pairs separated by ';'");
                }
                mapping.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return mapping;
        }
    }
}
