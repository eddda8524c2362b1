package io.onceload.testing;

import io.onceload.config.PipelineSettingsParser;
import io.onceload.ledger.Trigger;
import io.onceload.load.FileLoader;
import io.onceload.load.LoadOutcome;
import io.onceload.load.LoadRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads CSV text through the real loader for one pipeline, as the inbox route would. */
public final class Loads {

    private final Path dir;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final FileLoader loader = new FileLoader(TestDatabase.dataSource());

    /** @param parameters pipeline parameters as name/value pairs, e.g. "name", "events", "mode", "replace" */
    public Loads(Path dir, String... parameters) {
        this.dir = dir;
        this.parameters.put("inbox", dir.resolve("inbox").toString());
        for (int i = 0; i < parameters.length; i += 2) {
            this.parameters.put(parameters[i], parameters[i + 1]);
        }
        TestDatabase.execute("DELETE FROM onceload.file_ledger WHERE pipeline = '" + this.parameters.get("name") + "'",
                "DELETE FROM onceload.watermark WHERE pipeline = '" + this.parameters.get("name") + "'");
    }

    public LoadOutcome load(String fileName, String csv) {
        try {
            Path file = Files.writeString(dir.resolve(fileName), csv, StandardCharsets.UTF_8);
            return loader.load(new LoadRequest(PipelineSettingsParser.parse(parameters, dir), file, Trigger.CLI,
                    LocalDate.of(2026, 11, 23)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row versions of a table: a rewritten row gets a new xmin even with equal values. */
    public static List<List<String>> versions(String table, String key) {
        return TestDatabase.rows("SELECT " + key + ", xmin::text, ctid::text FROM " + table + " ORDER BY " + key);
    }
}
