package io.onceload.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the results as a Markdown table and as JSON into bench/results/. */
final class Report {

    private Report() {
    }

    static String markdown(List<Result> results, String environment) {
        StringBuilder md = new StringBuilder("# onceload benchmark\n\n").append(environment).append("\n\n")
                .append("| case | rows | wall s (CLI) | load s (run record) | rows/s | baseline | baseline s | ratio (wall / load) "
                        + "| inserted | updated | WAL MB | table Δ MB | peak RSS MB | target | met |\n")
                .append("|---|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.0f | %s | %.2f | %s | %d | %d | %.2f | %.2f | %d | %s | %s |%n",
                    r.name(), r.rows(), r.seconds(), r.loadSeconds(), r.rowsPerSecond(), r.baseline(),
                    r.baselineSeconds(), r.baselineSeconds() > 0
                            ? String.format(Locale.ROOT, "%.2f× / %.2f×", r.ratio(), r.loadRatio()) : "–",
                    r.inserted(), r.updated(), r.walBytes() / 1e6,
                    r.tableBytes() / 1e6, r.peakRssMb(), r.target(), r.met() ? "yes" : "no"));
        }
        return md.toString();
    }

    /** @return the Markdown file written */
    static Path write(Path dir, List<Result> results, String environment) throws IOException {
        Files.createDirectories(dir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path md = dir.resolve("bench-" + stamp + ".md");
        Files.writeString(md, markdown(results, environment));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        json.put("results", results.stream().map(Report::fields).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("bench-" + stamp + ".json").toFile(), json);
        return md;
    }

    private static Map<String, Object> fields(Result r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("case", r.name());
        f.put("rows", r.rows());
        f.put("wall_seconds", r.seconds());
        f.put("load_seconds", r.loadSeconds());
        f.put("rows_per_second", r.rowsPerSecond());
        f.put("baseline", r.baseline());
        f.put("baseline_seconds", r.baselineSeconds());
        f.put("ratio_wall", r.ratio());
        f.put("ratio_load", r.loadRatio());
        f.put("tuples_inserted", r.inserted());
        f.put("tuples_updated", r.updated());
        f.put("wal_bytes", r.walBytes());
        f.put("table_bytes_delta", r.tableBytes());
        f.put("peak_rss_mb", r.peakRssMb());
        f.put("target", r.target());
        f.put("met", r.met());
        return f;
    }
}
