package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.config.PipelineSettings;
import io.onceload.config.PipelineSettingsParser;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.testing.CatalogSnapshot;
import io.onceload.testing.HostileHeaders;
import io.onceload.testing.Orders;
import io.onceload.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More than a thousand generated hostile headers, each loaded end to end into {@code orders}: every file either
 * maps by the documented rule and publishes, or fails with a header message; no SQL error, nothing else changes.
 */
class HostileHeaderFuzzTest {

    private static final long SEED = 20261123L;
    private static final Map<String, String> ROW = Map.of("order_id", "1", "customer_id", "7",
            "order_date", "2026-11-01", "status", "placed", "total_amount", "10.50", "currency", "EUR",
            "updated_at", "2026-11-01 10:00:00+00");

    @TempDir
    Path dir;

    private final FileLoader loader = new FileLoader(TestDatabase.dataSource());

    @BeforeEach
    void orders() {
        Orders.reset();
        TestDatabase.execute("INSERT INTO public.orders VALUES (1, 7, '2026-11-01', 'placed', 10.50, 'EUR',"
                + " '2026-11-01 10:00:00+00'),"
                + " (2, 8, '2026-11-02', 'shipped', 20.00, 'USD', '2026-11-02 10:00:00+00')");
    }

    @Test
    void noHostileHeaderReachesSqlOrChangesTheTable() throws Exception {
        List<HostileHeaders.Case> cases = HostileHeaders.generate(1_200, SEED);
        PipelineSettings settings = PipelineSettingsParser.parse(Map.of("name", "fuzz", "table", "orders",
                "inbox", dir.resolve("inbox").toString()), dir);
        CatalogSnapshot before = CatalogSnapshot.of("public.orders", "order_id");

        long started = System.nanoTime();
        List<String> wrong = new ArrayList<>();
        Set<String> publishedSha = new HashSet<>();
        Set<String> failedRuns = new HashSet<>();
        int published = 0;
        for (HostileHeaders.Case c : cases) {
            Path file = Files.write(dir.resolve("case-" + c.number() + ".csv"),
                    csv(c).getBytes(StandardCharsets.UTF_8));
            LoadOutcome outcome = loader.load(new LoadRequest(settings, file, Trigger.CLI, LocalDate.of(2026, 11, 23)));
            String problem = check(c, outcome);
            if (problem != null) {
                wrong.add("#" + c.number() + " " + printable(c.header()) + " replacing " + c.replaces()
                        + ": " + problem);
            } else if (outcome.status() == RunStatus.PUBLISHED) {
                published++;
                publishedSha.add(outcome.sha256());
            } else {
                failedRuns.add(outcome.runId().toString());
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("HostileHeaderFuzzTest: %d cases (%d published) in %d ms%n", cases.size(), published, millis);

        assertThat(cases).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(wrong).as("cases whose outcome broke the rule").isEmpty();
        assertThat(published).as("legitimate variants (case, spacing, quotes around) publish").isGreaterThan(50);
        assertThat(failedRuns).as("hostile headers that fail").hasSizeGreaterThan(700);
        assertThat(CatalogSnapshot.of("public.orders", "order_id")).as("catalogue and rows of orders")
                .isEqualTo(before);
        assertThat(new HashSet<>(TestDatabase.rows("SELECT sha256 FROM onceload.file_ledger WHERE pipeline = 'fuzz'")
                .stream().map(r -> r.get(0)).toList())).as("ledger rows only for published files")
                .isEqualTo(publishedSha);
        assertThat(new HashSet<>(TestDatabase.rows("SELECT run_id::text FROM onceload.run WHERE pipeline = 'fuzz'"
                + " AND status = 'failed'").stream().map(r -> r.get(0)).toList()))
                .as("every failed file has its run record").isEqualTo(failedRuns);
    }

    @Test
    void aHeaderWithControlLineBreakAndRightToLeftOverrideFailsWithARecordedReadableReason() throws Exception {
        PipelineSettings settings = PipelineSettingsParser.parse(Map.of("name", "fuzz", "table", "orders",
                "inbox", dir.resolve("inbox").toString()), dir);
        Path file = Files.writeString(dir.resolve("nul.csv"), line(List.of("order_id", "customer_id", "order_date",
                "status", "total_amount", "x\u0007\nINFO forged\u202Ey")) + "\n1,7,2026-11-01,placed,10.50,z\n");

        LoadOutcome outcome = loader.load(new LoadRequest(settings, file, Trigger.CLI, LocalDate.of(2026, 11, 23)));

        String reason = "header 'x\\u0007\\u000AINFO forged\\u202Ey' matches no column of public.orders";
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).startsWith("nul.csv: " + reason);
        assertThat(TestDatabase.rows("SELECT status, error FROM onceload.run WHERE run_id = '" + outcome.runId() + "'"))
                .as("the failed run is recorded").containsExactly(List.of("failed", outcome.error()));
    }

    /** Why the outcome is wrong for this case, or null when it is what the documented mapping rule says. */
    private static String check(HostileHeaders.Case c, LoadOutcome outcome) {
        if (c.header().indexOf('\u0000') >= 0) {
            // a NUL byte is never text: the whole file is refused as binary before its header is read
            return outcome.status() == RunStatus.FAILED && outcome.error().contains("the file holds binary data")
                    ? null : "expected failed as binary data, got " + outcome.status() + ": " + outcome.error();
        }
        String target = HostileHeaders.oracle(c.header());
        if (target != null && target.equals(c.replaces())) {
            if (outcome.status() != RunStatus.PUBLISHED) {
                return "expected published, got " + outcome.status() + ": " + outcome.error();
            }
            boolean untouched = outcome.counts().unchanged() == 1 && outcome.counts().inserted() == 0
                    && outcome.counts().updated() == 0;
            return untouched ? null : "expected 1 unchanged row, got " + outcome.counts();
        }
        String expected = target == null ? "' matches no column of public.orders (columns: "
                : target.isEmpty() ? " has no name" : ") both map to column " + target;
        if (outcome.status() != RunStatus.FAILED || outcome.error() == null || !outcome.error().contains(expected)) {
            return "expected failed with \"" + expected + "\", got " + outcome.status() + ": " + outcome.error();
        }
        boolean raw = outcome.error().chars().anyMatch(ch -> Set.of((int) Character.CONTROL, (int) Character.FORMAT,
                (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR).contains(Character.getType(ch)));
        return raw ? "the error message carries raw control characters: " + printable(outcome.error()) : null;
    }

    /** The header (hostile name last, so no byte-order-mark handling touches it) and one valid row. */
    private static String csv(HostileHeaders.Case c) {
        List<String> header = new ArrayList<>(HostileHeaders.COLUMNS);
        header.remove(c.replaces());
        List<String> row = header.stream().map(ROW::get).collect(Collectors.toCollection(ArrayList::new));
        header.add(c.header());
        row.add(c.replaces() == null ? "x" : ROW.get(c.replaces()));
        return line(header) + "\r\n" + line(row) + "\r\n";
    }

    /** The header with every non-ASCII or control character as {@code \\uXXXX}, for a readable failure. */
    private static String printable(String header) {
        StringBuilder out = new StringBuilder("'");
        header.chars().forEach(ch -> out.append(ch >= 0x20 && ch < 0x7F ? String.valueOf((char) ch)
                : String.format("\\u%04X", ch)));
        return out.append("'").toString();
    }

    private static String line(List<String> fields) {
        return fields.stream().map(f -> '"' + f.replace("\"", "\"\"") + '"').collect(Collectors.joining(","));
    }
}
