package io.onceload.testing;

import static io.onceload.testing.Reference.literal;

import io.onceload.ledger.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks issue 6's invariants for one pipeline after a fault (EQ, ATOM, CONS here, DIAG in {@link Diag}, IDEM in
 * {@link Idem}), each violation as one message that names the invariant and shows the evidence.
 */
public final class Invariants {

    static final int SAMPLE = 5;

    private final Path inbox;
    private final String pipeline;
    private final List<String> dropped;

    /**
     * @param inbox the pipeline's inbox folder (by default {@code <home>/inbox/<pipeline>})
     * @param dropped the names of every file dropped into it
     */
    public Invariants(Path inbox, String pipeline, List<String> dropped) {
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.dropped = List.copyOf(dropped);
    }

    /** EQ, ATOM, CONS and DIAG against a clean run over the accepted files; empty when they all hold. */
    public List<String> check(Reference reference) {
        List<String> violations = new ArrayList<>();
        violations.addAll(eq(reference));
        violations.addAll(atom(reference));
        violations.addAll(cons(reference));
        violations.addAll(Diag.check(inbox, reference));
        return violations;
    }

    /**
     * The state right after a crash must be a clean run over some prefix of the files in name order (files publish
     * whole and in order): picks the prefix reference whose ledger equals the current one and checks against it.
     *
     * @param prefixes references of a clean run over the first 0, 1, 2, ... files
     * @return the violations; an ATOM violation when no prefix has the current ledger
     */
    public List<String> checkAfterCrash(List<Reference> prefixes) {
        Set<List<String>> ledger = ledger();
        for (Reference reference : prefixes) {
            if (reference.ledger().equals(ledger)) {
                return check(reference);
            }
        }
        return List.of("ATOM: the ledger holds " + describe(ledger) + ", which is no clean run over a prefix of "
                + dropped + " (expected one of " + prefixes.stream().map(r -> r.files().keySet()).toList() + ")");
    }

    /** IDEM ({@link Idem}): the archived copies of the accepted files, in name (publish) order, loaded again. */
    public List<String> idem(Path home, Reference reference) throws InterruptedException {
        List<Path> archived = inputFiles().stream().filter(f -> inbox.relativize(f).startsWith(".done"))
                .filter(f -> reference.files().containsKey(originalName(f.getFileName().toString())))
                .sorted(java.util.Comparator.comparing(f -> originalName(f.getFileName().toString()))).toList();
        List<String> tables = new ArrayList<>(List.of(reference.table()));
        if (hasTasks()) {
            tables.add(DERIVED_TABLE);
        }
        return Idem.check(home, pipeline, tables, archived);
    }

    /** The example workflow's derived table, which the soak's pipeline rebuilds after each load. */
    static final String DERIVED_TABLE = "public.daily_revenue";

    /**
     * DERIVED: once every task the loads owe has run, the derived table equals the aggregate over orders for every
     * date (the example's daily_revenue). Checked when idle, never right after a kill, when tasks may still be owed.
     */
    public List<String> derived() {
        if (!hasTasks()) {
            return List.of();
        }
        String expected = "SELECT order_date, currency, count(*) AS orders, sum(total_amount) AS revenue"
                + " FROM public.orders WHERE status <> 'cancelled' GROUP BY 1, 2";
        String actual = "SELECT order_date, currency, orders, revenue FROM " + DERIVED_TABLE;
        List<List<String>> missing = TestDatabase.rows("(" + expected + " EXCEPT " + actual + ") LIMIT 3");
        List<List<String>> extra = TestDatabase.rows("(" + actual + " EXCEPT " + expected + ") LIMIT 3");
        List<String> violations = new ArrayList<>();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            violations.add("DERIVED: " + DERIVED_TABLE + " differs from the aggregate over orders: missing " + missing
                    + ", not expected " + extra);
        }
        if (Idle.owedTasks() != 0) {
            violations.add("DERIVED: " + Idle.owedTasks() + " tasks are still owed after the service was idle");
        }
        return violations;
    }

    private boolean hasTasks() {
        return TestDatabase.count("SELECT count(*) FROM onceload.run_owes WHERE pipeline = " + literal(pipeline)) > 0;
    }

    /** EQ: the target's rows equal the reference copy's, compared both ways with EXCEPT ALL. */
    List<String> eq(Reference reference) {
        String columns = String.join(", ", reference.columns());
        List<String> violations = new ArrayList<>();
        differ(violations, "rows in " + reference.table() + " that the clean run does not have", columns,
                reference.table(), reference.copy());
        differ(violations, "rows of the clean run missing from " + reference.table(), columns, reference.copy(),
                reference.table());
        return violations.stream().map(v -> "EQ: over accepted files " + reference.files().keySet() + ", " + v)
                .toList();
    }

    private static void differ(List<String> violations, String what, String columns, String from, String except) {
        List<List<String>> rows = TestDatabase.rows("SELECT count(*) OVER ()::text, d.* FROM (SELECT " + columns
                + " FROM " + from + " EXCEPT ALL SELECT " + columns + " FROM " + except + ") d ORDER BY 2 LIMIT "
                + SAMPLE);
        if (!rows.isEmpty()) {
            violations.add(rows.get(0).get(0) + " " + what + "; first " + rows.size() + ": "
                    + rows.stream().map(r -> r.subList(1, r.size())).toList());
        }
    }

    /**
     * ATOM: the ledger is the clean run's (a row iff the file's rows are visible, which EQ checks), each ledger row
     * points at a published run of its content, every published run's content is in the ledger, and the watermark
     * is the clean run's (it moved with the publishes and only with them).
     */
    List<String> atom(Reference reference) {
        List<String> violations = new ArrayList<>();
        Set<List<String>> ledger = ledger();
        if (!ledger.equals(reference.ledger())) {
            violations.add("ATOM: the ledger holds " + describe(ledger) + ", the clean run's holds "
                    + describe(reference.ledger()));
        }
        List<List<String>> orphans = TestDatabase.rows("SELECT l.file_name, l.run_id, r.status, r.sha256 = l.sha256"
                + " FROM onceload.file_ledger l LEFT JOIN onceload.run r ON r.run_id = l.run_id WHERE l.pipeline = "
                + literal(pipeline) + " AND (r.run_id IS NULL OR r.status <> 'published' OR r.sha256 <> l.sha256)");
        if (!orphans.isEmpty()) {
            violations.add("ATOM: ledger rows without their published run (file, run, status, same sha): " + orphans);
        }
        List<List<String>> unledgered = TestDatabase.rows("SELECT r.file_name, r.run_id, r.sha256 FROM onceload.run r"
                + " WHERE r.pipeline = " + literal(pipeline) + " AND r.status = 'published' AND NOT EXISTS (SELECT 1"
                + " FROM onceload.file_ledger l WHERE l.pipeline = r.pipeline AND l.sha256 = r.sha256)");
        if (!unledgered.isEmpty()) {
            violations.add("ATOM: published runs whose content is not in the ledger (file, run, sha): " + unledgered);
        }
        List<String> watermark = Reference.watermark(pipeline);
        if (!watermark.equals(reference.watermark())) {
            violations.add("ATOM: watermark (column, value, run) is " + watermark + ", the clean run's is "
                    + reference.watermark());
        }
        return violations;
    }

    /**
     * CONS: every dropped file is in exactly one of the inbox, {@code .done/<date>/} and {@code .failed/} (archived
     * copies may carry a {@code .2} suffix), nothing else is there, an archived file's content is in the ledger
     * and a failed one's is not, and an accepted file still has its content.
     */
    List<String> cons(Reference reference) {
        Map<String, List<Path>> where = new LinkedHashMap<>();
        dropped.forEach(name -> where.put(name, new ArrayList<>()));
        List<String> violations = new ArrayList<>();
        Set<String> shas = ledger().stream().map(row -> row.get(0)).collect(java.util.stream.Collectors.toSet());
        for (Path file : inputFiles()) {
            String name = originalName(file.getFileName().toString());
            if (name == null) {
                violations.add("CONS: unexpected file " + inbox.relativize(file));
                continue;
            }
            where.get(name).add(file);
            String place = inbox.relativize(file).toString();
            String sha = sha256(file);
            if (place.startsWith(".done/") && !shas.contains(sha)) {
                violations.add("CONS: " + place + " was archived as done but its content " + sha
                        + " is not in the ledger");
            } else if (place.startsWith(".failed/") && shas.contains(sha)) {
                violations.add("CONS: " + place + " was archived as failed but its content is in the ledger");
            }
            String expected = reference.files().get(name);
            if (expected != null && !expected.equals(sha)) {
                violations.add("CONS: " + place + " has sha256 " + sha + ", the dropped file had " + expected);
            }
        }
        where.forEach((name, places) -> {
            if (places.size() != 1) {
                violations.add("CONS: " + name + (places.isEmpty() ? " is lost: in none of inbox, .done/, .failed/"
                        : " is duplicated: " + places.stream().map(p -> inbox.relativize(p).toString()).toList()));
            }
        });
        return violations;
    }

    /** The pipeline's ledger as (sha256, run_id) rows. */
    public Set<List<String>> ledger() {
        return new HashSet<>(TestDatabase.rows("SELECT sha256, run_id::text FROM onceload.file_ledger WHERE pipeline = "
                + literal(pipeline)));
    }

    private static String describe(Set<List<String>> ledger) {
        return ledger.stream().map(row -> row.get(0).substring(0, 12) + "…").sorted().toList().toString();
    }

    /** Input files wherever they can be: the inbox itself, {@code .done/<date>/}, {@code .failed/}. */
    public List<Path> inputFiles() {
        List<Path> files = new ArrayList<>();
        Idle.pending(inbox).forEach(name -> files.add(inbox.resolve(name)));
        for (String folder : List.of(".done", ".failed")) {
            Path dir = inbox.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".error.txt"))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }

    /** The dropped name an inbox or archive file stands for ({@code a.2.csv} is an archived {@code a.csv}). */
    String originalName(String name) {
        if (dropped.contains(name)) {
            return name;
        }
        String plain = name.replaceFirst("\\.\\d+(\\.[^.]*)?$", "$1");
        return dropped.contains(plain) ? plain : null;
    }

    private static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
