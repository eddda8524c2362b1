package io.onceload.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;

/** The first rows of a benchmark file after its header, for the baselines that load it their own way. */
final class SampleRows {

    interface Action {
        void accept(CsvRecord record, long number) throws Exception;
    }

    private SampleRows() {
    }

    /** @return how many rows were handed to the action (at most {@code rows}); numbers start at 1 */
    static long each(Path file, long rows, Action action) throws Exception {
        long loaded = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            boolean header = true;
            for (CsvRecord record : reader) {
                if (header) {
                    header = false;
                } else if (loaded == rows) {
                    break;
                } else {
                    action.accept(record, ++loaded);
                }
            }
        }
        return loaded;
    }
}
