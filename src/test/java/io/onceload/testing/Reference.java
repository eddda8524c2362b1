package io.onceload.testing;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a clean single run over the accepted files left behind (the target rows copied into schema
 * {@value #SCHEMA}, the ledger, the watermark and the rejects), to compare a faulted run against.
 *
 * @param copy the copy of the target table, schema-qualified
 * @param columns the compared columns, quoted; {@code _first_loaded_at} is left out because it is {@code now()}
 * @param files file name → sha256 of each published content (the accepted files)
 * @param ledger (sha256, run_id) rows of the ledger; run ids are derived from pipeline + sha256, so a faulted run
 *     of the same pipeline must produce the same ones
 * @param watermark (column_name, value, run_id), or empty when the pipeline has none
 * @param rejects (file, line, column, reason) of every rejected row
 */
public record Reference(String name, String pipeline, String table, String copy, List<String> columns,
                        Map<String, String> files, Set<List<String>> ledger, List<String> watermark,
                        Set<List<String>> rejects) {

    public static final String SCHEMA = "invariants_ref";

    /**
     * Copies the table and the pipeline's bookkeeping as they are now (right after a clean run) under {@code name}.
     *
     * @param inbox the pipeline's inbox folder, whose {@code .rejected/} holds the clean run's rejects
     */
    public static Reference capture(String name, String pipeline, String table, Path inbox) {
        String copy = SCHEMA + "." + name;
        TestDatabase.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA, "DROP TABLE IF EXISTS " + copy,
                "CREATE TABLE " + copy + " AS TABLE " + table);
        List<String> columns = TestDatabase.rows("SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '"
                + table + "'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> '_first_loaded_at'"
                + " ORDER BY attnum").stream().map(row -> row.get(0)).toList();
        Map<String, String> files = new LinkedHashMap<>();
        Set<List<String>> ledger = new HashSet<>();
        for (List<String> row : TestDatabase.rows("SELECT file_name, sha256, run_id FROM onceload.file_ledger"
                + " WHERE pipeline = " + literal(pipeline) + " ORDER BY file_name")) {
            files.put(row.get(0), row.get(1));
            ledger.add(List.of(row.get(1), row.get(2)));
        }
        return new Reference(name, pipeline, table, copy, columns, files, ledger, watermark(pipeline),
                rejects(inbox.resolve(".rejected")));
    }

    /** The pipeline's watermark row as (column_name, value, run_id), or an empty list. */
    static List<String> watermark(String pipeline) {
        List<List<String>> rows = TestDatabase.rows("SELECT column_name, value, run_id FROM onceload.watermark"
                + " WHERE pipeline = " + literal(pipeline));
        return rows.isEmpty() ? List.of() : rows.get(0);
    }

    /** The rows of every rejects file in {@code dir} as (file, line, column, reason), headers left out. */
    static Set<List<String>> rejects(Path dir) {
        Set<List<String>> rows = new HashSet<>();
        for (Path file : rejectsFiles(dir)) {
            List<List<String>> all = rows(file);
            rows.addAll(all.subList(Math.min(1, all.size()), all.size()));
        }
        return rows;
    }

    /** The first four fields of each row of one rejects file, its header included. */
    static List<List<String>> rows(Path rejectsFile) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(rejectsFile)) {
            return reader.stream().map(r -> List.copyOf(r.getFields().subList(0, Math.min(4, r.getFieldCount()))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> rejectsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // hidden files are a loader's temporary files, not what a user reads
            return files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
