package io.onceload.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** IDEM: loading accepted files again after a fault writes zero tuples to the target (pg_stat_user_tables). */
public final class Idem {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Idem() {
    }

    /**
     * Loads each file again with {@code onceload load} (the inbox's code path; each must be {@code skipped}) and the
     * last one with {@code --reprocess}, which reads every row but, holding the table's current values, may rewrite
     * none (nor may the tasks it owes, which the CLI runs); then compares the tables' tuple counters before and
     * after.
     *
     * @param home the folder with routes/ and onceload.properties the service ran with
     * @param files the archived copies of the accepted files, in the order they were published
     * @return violations, each starting with "IDEM:"
     */
    public static List<String> check(Path home, String pipeline, List<String> tables, List<Path> files)
            throws InterruptedException {
        if (files.isEmpty()) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        TestDatabase.flushStats();
        List<long[]> before = tables.stream().map(TestDatabase::writes).toList();
        List<String> replay = new ArrayList<>(List.of("load", "--json", pipeline));
        files.forEach(file -> replay.add(file.toString()));
        for (JsonNode line : run(home, violations, replay.toArray(String[]::new))) {
            if (!"skipped".equals(line.path("status").asText())) {
                violations.add("IDEM: replay of " + line.path("file").asText() + " was not skipped: " + line);
            }
        }
        Path last = files.get(files.size() - 1);
        for (JsonNode line : run(home, violations, "load", "--json", "--reprocess", pipeline, last.toString())) {
            if (!"published".equals(line.path("status").asText()) || line.path("inserted").asLong() != 0
                    || line.path("updated").asLong() != 0 || line.path("deleted").asLong() != 0) {
                violations.add("IDEM: reprocess of " + last.getFileName() + " changed rows: " + line);
            }
        }
        TestDatabase.flushStats();
        for (int i = 0; i < tables.size(); i++) {
            long[] after = TestDatabase.writes(tables.get(i));
            long[] delta = {after[0] - before.get(i)[0], after[1] - before.get(i)[1], after[2] - before.get(i)[2]};
            if (delta[0] != 0 || delta[1] != 0 || delta[2] != 0) {
                violations.add("IDEM: replaying " + files.stream().map(Path::getFileName).toList()
                        + " wrote tuples to " + tables.get(i) + " (inserted, updated, deleted): "
                        + Arrays.toString(delta));
            }
        }
        return violations;
    }

    private static List<JsonNode> run(Path home, List<String> violations, String... args) {
        Cli cli = Cli.run(home, args);
        if (cli.status() != 0) {
            violations.add("IDEM: onceload " + String.join(" ", args) + " exited " + cli.status() + ": " + cli.out()
                    + cli.err());
        }
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : cli.out().lines().filter(l -> l.startsWith("{")).toList()) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("unparseable CLI output: " + cli.out(), e);
        }
    }
}
