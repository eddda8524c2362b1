package io.onceload.config;

import java.util.List;

/**
 * How one pipeline publishes: the mode and the options that combine with it. Absent options are {@code null}.
 *
 * @param recordIdColumn with {@code key: content-hash}, the column that receives the record id; else null
 * @param hashColumns the columns the record id is computed from; empty means every mapped column
 * @param postVerify after publish, check keys are unique and the target holds every published key
 */
public record LoadRules(LoadMode mode, String partitionColumn, String versionColumn, String watermarkColumn,
                        String recordIdColumn, List<String> hashColumns, boolean postVerify) {

    public static final LoadRules UPSERT = new LoadRules(LoadMode.UPSERT, null, null, null, null, List.of(), true);

    public LoadRules {
        hashColumns = List.copyOf(hashColumns);
    }

    public boolean contentHash() {
        return recordIdColumn != null;
    }
}
