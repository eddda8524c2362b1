package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.config.PipelineSettings;
import io.onceload.config.PipelineSettingsParser;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real load reports its reading to the request's listener, on the direct path and when staged. */
class FileLoaderProgressTest {

    private static final int ROWS = 5000;

    @TempDir
    Path dir;

    // a check every 256 rows, passed on at once: many snapshots from a small file, without sleeping
    private final FileLoader loader = new FileLoader(TestDatabase.dataSource(),
            new ProgressMeter.Cadence(256, Duration.ZERO, Duration.ofSeconds(5), System::nanoTime));

    private final List<Progress> heard = new ArrayList<>();

    @BeforeEach
    void table() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.progressed",
                "CREATE TABLE public.progressed (id int PRIMARY KEY, name text)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'progressed'",
                "DELETE FROM onceload.run WHERE pipeline = 'progressed'");
    }

    /** A byte-order mark and multi-byte text, so that bytes and characters differ. */
    private Path file(String name, int offset) throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFFid,name\r\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(i + offset).append(",Zürich 東京 ").append(i).append("\r\n");
        }
        return Files.write(dir.resolve(name), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private LoadOutcome load(Path file) throws Exception {
        PipelineSettings settings = PipelineSettingsParser.parse(
                Map.of("name", "progressed", "inbox", dir.resolve("inbox").toString()), dir);
        return loader.load(new LoadRequest(settings, file, Trigger.CLI, LocalDate.of(2026, 11, 23), false,
                heard::add));
    }

    private void assertHeardTheWholeFile(Path file) throws Exception {
        long size = Files.size(file);
        assertThat(heard).hasSizeGreaterThan(ROWS / 256);
        assertThat(heard).allSatisfy(p -> {
            assertThat(p.pipeline()).isEqualTo("progressed");
            assertThat(p.file()).isEqualTo(file.getFileName().toString());
            assertThat(p.totalBytes()).isEqualTo(size);
            assertThat(p.bytesRead()).isBetween(1L, size);
        });
        for (int i = 1; i < heard.size(); i++) {
            assertThat(heard.get(i).rows()).isGreaterThanOrEqualTo(heard.get(i - 1).rows());
            assertThat(heard.get(i).bytesRead()).isGreaterThanOrEqualTo(heard.get(i - 1).bytesRead());
        }
        assertThat(heard.get(0).rows()).isEqualTo(256);
        Progress last = heard.get(heard.size() - 1);
        assertThat(last.rows()).isEqualTo(ROWS);
        assertThat(last.bytesRead()).isEqualTo(size);
        assertThat(last.percent()).isEqualTo(100);
    }

    @Test
    void directFirstLoadReportsEveryRowAndEveryByte() throws Exception {
        Path file = file("first.csv", 0);

        LoadOutcome outcome = load(file);

        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertHeardTheWholeFile(file);
    }

    @Test
    void stagedLoadReportsEveryRowAndEveryByte() throws Exception {
        TestDatabase.execute("INSERT INTO public.progressed VALUES (-1, 'already there')");
        Path file = file("second.csv", ROWS);

        LoadOutcome outcome = load(file);

        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(outcome.counts().inserted()).isEqualTo(ROWS);
        assertHeardTheWholeFile(file);
    }

    @Test
    void aLoadWithoutListenerStillLoads() throws Exception {
        PipelineSettings settings = PipelineSettingsParser.parse(
                Map.of("name", "progressed", "inbox", dir.resolve("inbox").toString()), dir);
        LoadOutcome outcome = loader.load(new LoadRequest(settings, file("plain.csv", 0), Trigger.CLI,
                LocalDate.of(2026, 11, 23)));

        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(heard).isEmpty();
    }
}
