package io.onceload.table;

import io.onceload.config.LoadRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The columns one file stages and publishes: the file's own, then a computed record id, then onceload's metadata
 * columns the table has; plus the roles (key, version, partition, watermark) some of them play.
 *
 * @param hashed indexes into {@code fileColumns} that the record id is computed from (empty without one)
 * @param metadata {@code _source_file}, {@code _source_line}, {@code _run_id}, {@code _logical_date} when the
 *     table has them and the file does not
 * @param firstLoadedAt {@code _first_loaded_at}: set on insert only, or null
 */
public record StageShape(List<Column> fileColumns, Column recordId, List<Integer> hashed, List<Column> metadata,
                         Column firstLoadedAt, List<Column> key, Column version, Column partition,
                         Column watermark) {

    public static final List<String> METADATA = List.of("_source_file", "_source_line", "_run_id", "_logical_date");
    public static final String FIRST_LOADED_AT = "_first_loaded_at";

    public StageShape {
        fileColumns = List.copyOf(fileColumns);
        hashed = List.copyOf(hashed);
        metadata = List.copyOf(metadata);
        key = List.copyOf(key);
    }

    /** Names of the columns onceload fills itself when the file does not have them. */
    public static java.util.Set<String> computed(LoadRules rules) {
        java.util.Set<String> names = new java.util.HashSet<>(METADATA);
        names.add(FIRST_LOADED_AT);
        if (rules.contentHash()) {
            names.add(rules.recordIdColumn());
        }
        return names;
    }

    /** Fails with {@link TableException} when a column the rules name is not one the file provides. */
    public static StageShape of(TargetTable table, List<Column> fileColumns, LoadRules rules) {
        Column recordId = null;
        List<Integer> hashed = new ArrayList<>();
        if (rules.contentHash()) {
            recordId = table.key().get(0);
            if (fileColumns.contains(recordId)) {
                throw new TableException("record id column " + recordId.name() + " is computed; the file may not have it");
            }
            for (int i = 0; i < fileColumns.size(); i++) {
                if (rules.hashColumns().isEmpty() || rules.hashColumns().contains(fileColumns.get(i).name())) {
                    hashed.add(i);
                }
            }
            if (hashed.size() != (rules.hashColumns().isEmpty() ? fileColumns.size() : rules.hashColumns().size())) {
                throw new TableException("hash-columns " + rules.hashColumns() + " are not all in the file");
            }
            // by name, not file position: the same record in a file with reordered columns has the same id
            hashed.sort(java.util.Comparator.comparing(i -> fileColumns.get(i).name()));
        }
        List<Column> metadata = new ArrayList<>();
        for (String name : METADATA) {
            table.column(name).filter(c -> !fileColumns.contains(c)).ifPresent(metadata::add);
        }
        Column firstLoaded = table.column(FIRST_LOADED_AT).filter(c -> !fileColumns.contains(c)).orElse(null);
        return new StageShape(fileColumns, recordId, hashed, metadata, firstLoaded, table.key(),
                role(fileColumns, rules.versionColumn(), "version-column"),
                role(fileColumns, rules.partitionColumn(), "partition-column"),
                role(fileColumns, rules.watermarkColumn(), "watermark-column"));
    }

    private static Column role(List<Column> fileColumns, String name, String parameter) {
        if (name == null) {
            return null;
        }
        return fileColumns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new TableException(parameter + " " + name + " is not a column of the file"));
    }

    /** Every staged column in COPY order: file columns, record id, metadata. */
    public List<Column> staged() {
        List<Column> staged = new ArrayList<>(fileColumns);
        Optional.ofNullable(recordId).ifPresent(staged::add);
        staged.addAll(metadata);
        return staged;
    }

    /** The staged columns whose change makes a row "changed": neither key nor metadata. */
    public List<Column> compared() {
        List<Column> compared = new ArrayList<>(staged());
        compared.removeAll(key);
        compared.removeAll(metadata);
        return compared;
    }
}
