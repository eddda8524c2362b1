package io.onceload.soak;

import io.onceload.bench.OrdersGenerator;
import io.onceload.testing.Cli;
import io.onceload.testing.Orders;
import io.onceload.testing.Reference;
import io.onceload.testing.TestApp;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The soak's input, loaded in name order: the benchmark's orders file, its changed variant (1% changed, 1% new)
 * and an extra file that rewrites every 4th order, adds new ones and carries three bad rows; and per pipeline
 * variant the references of a clean run over each prefix of them.
 */
final class SoakFiles {

    static final String PIPELINE = "orders";
    static final String TABLE = "public.orders";
    static final List<String> NAMES = List.of("a-orders.csv", "b-changed.csv", "c-extra.csv");

    /** The pipelines under test: the direct first load and the staging path, and one with a watermark. */
    enum Variant {
        PLAIN("max-rejects", "10"),
        WATERMARK("max-rejects", "10", "watermark-column", "updated_at");

        final String[] parameters;

        Variant(String... parameters) {
            this.parameters = parameters;
        }

        String routes() {
            return TestApp.pipeline(PIPELINE, parameters);
        }
    }

    private SoakFiles() {
    }

    /** Writes the three files into {@code dir} unless present. */
    static List<Path> generate(Path dir, long rows) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = NAMES.stream().map(dir::resolve).toList();
        if (files.stream().allMatch(Files::exists)) {
            return files;
        }
        Path[] generated = OrdersGenerator.generate(dir.resolve("generator"), rows);
        Files.move(generated[0], files.get(0), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(generated[1], files.get(1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        writeExtra(files.get(2), rows);
        return files;
    }

    /** The lines of {@link #NAMES c-extra.csv} that must be rejected, with their column. */
    static Set<List<String>> expectedRejects(long rows) {
        return Set.of(List.of("c-extra.csv", "2", "order_date"),
                List.of("c-extra.csv", Long.toString(3 + extraRows(rows) / 2), "total_amount"),
                List.of("c-extra.csv", Long.toString(4 + extraRows(rows)), "customer_id"));
    }

    private static long extraRows(long rows) {
        return rows / 4 + rows / 100;
    }

    private static void writeExtra(Path file, long rows) throws IOException {
        long half = extraRows(rows) / 2;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("order_id,customer_id,order_date,status,total_amount,currency,updated_at\n");
            out.write((3 * rows + 1) + ",7,2026-02-30,placed,1.00,EUR,2027-01-02T00:00:00Z\n");
            for (long i = 1; i <= extraRows(rows); i++) {
                // every 4th existing order, then new ones; newer than anything before, so a watermark moves
                long id = i <= rows / 4 ? 4 * i : 2 * rows + i;
                out.write(id + "," + (1 + id % 50_000) + ",2027-01-02,shipped," + (10 + id % 90) + ".50,CHF,"
                        + "2027-01-02T0" + (id % 10) + ":00:00Z\n");
                if (i == half) {
                    out.write((3 * rows + 2) + ",7,2027-01-02,placed,12.3.4,EUR,2027-01-02T00:00:00Z\n");
                }
            }
            out.write((3 * rows + 3) + ",x,2027-01-02,placed,1.00,EUR,2027-01-02T00:00:00Z\n");
        }
    }

    /**
     * Writes {@code routes/orders.camel.yaml} of the variant, the example's tasks with their SQL, and
     * {@code onceload.properties} into {@code home}.
     */
    static void configure(Path home, Variant variant) throws IOException {
        Files.createDirectories(home.resolve("routes"));
        Files.writeString(home.resolve("routes").resolve(PIPELINE + ".camel.yaml"), variant.routes());
        // the example workflow after every load: daily_revenue and its check (invariant DERIVED)
        Files.copy(Path.of("routes/orders-tasks.camel.yaml"), home.resolve("routes/orders-tasks.camel.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(home.resolve("sql"));
        for (String sql : List.of("daily_revenue.sql", "daily_revenue_check.sql")) {
            Files.copy(Path.of("sql", sql), home.resolve("sql").resolve(sql),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Cli.configure(home);
    }

    /**
     * A clean run of {@code onceload load} over each prefix of the files, captured after each one.
     *
     * @return the references over the first 0, 1, 2, 3 files
     */
    static List<Reference> references(Path home, Variant variant, List<Path> files, long rows) throws IOException {
        configure(home, variant);
        Orders.reset();
        Path inbox = home.resolve("inbox").resolve(PIPELINE);
        String prefix = variant.name().toLowerCase(java.util.Locale.ROOT) + "_" + rows + "_";
        List<Reference> references = new ArrayList<>();
        references.add(Reference.capture(prefix + 0, PIPELINE, TABLE, inbox));
        for (Path file : files) {
            Cli load = Cli.run(home, "load", PIPELINE, file.toString());
            if (load.status() != 0) {
                throw new IllegalStateException("the clean reference run failed: " + load.out() + load.err());
            }
            references.add(Reference.capture(prefix + references.size(), PIPELINE, TABLE, inbox));
        }
        Set<List<String>> rejects = references.get(references.size() - 1).rejects().stream()
                .map(row -> row.subList(0, 3)).collect(Collectors.toSet());
        if (!rejects.equals(expectedRejects(rows))) {
            throw new IllegalStateException("the clean run rejected " + rejects + ", expected "
                    + expectedRejects(rows));
        }
        return references;
    }
}
