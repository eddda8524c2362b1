package io.onceload.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** DIAG of {@link Invariants}: the rejects files of an inbox against a clean run's rejects. */
final class Diag {

    private Diag() {
    }

    /**
     * DIAG: every row the clean run rejected from a published file is in a rejects file of this inbox with file,
     * line, column and reason, and each rejects file of a published file is complete: a partial or empty one is
     * what an attempt cut short would leave, and it would send the user to the wrong rows.
     */
    static List<String> check(Path inbox, Reference reference) {
        List<String> violations = new ArrayList<>();
        Set<List<String>> actual = new HashSet<>();
        for (Path file : Reference.rejectsFiles(inbox.resolve(".rejected"))) {
            String name = inbox.relativize(file).toString();
            List<List<String>> rows = Reference.rows(file);
            if (rows.isEmpty() || !rows.get(0).equals(List.of("file", "line", "column", "reason"))) {
                violations.add("DIAG: " + name + " has no header row: " + rows.stream().limit(1).toList());
                continue;
            }
            Set<List<String>> body = new HashSet<>(rows.subList(1, rows.size()));
            actual.addAll(body);
            List<List<String>> malformed = body.stream().filter(row -> row.size() < 4 || row.stream().anyMatch(
                    String::isBlank) || !row.get(1).matches("\\d+")).limit(Invariants.SAMPLE).toList();
            if (!malformed.isEmpty()) {
                violations.add("DIAG: " + name + " has rows without file, line, column or reason: " + malformed);
            }
            String source = file.getFileName().toString().replaceFirst("\\.rejects(\\.\\d+)?\\.csv$", "");
            Set<List<String>> expected = new HashSet<>(reference.rejects());
            expected.removeIf(row -> !row.get(0).equals(source));
            if (reference.files().containsKey(source) && !body.equals(expected)) {
                violations.add("DIAG: " + name + " holds " + body.size() + " rows, the clean run rejected "
                        + expected.size() + " of " + source + ": " + body.stream().limit(Invariants.SAMPLE).toList());
            }
        }
        Set<List<String>> missing = new HashSet<>(reference.rejects());
        missing.removeAll(actual);
        if (!missing.isEmpty()) {
            violations.add("DIAG: " + missing.size() + " rejected rows in no rejects file, e.g. "
                    + missing.stream().limit(Invariants.SAMPLE).toList());
        }
        return violations;
    }
}
