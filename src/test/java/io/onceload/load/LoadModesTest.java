package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.RunStatus;
import io.onceload.testing.Loads;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** insert-only, replace-partitions and replace: exact rows and counts, replays that write nothing. */
class LoadModesTest {

    private static final String HEADER = "id,day,v\n";

    @TempDir
    Path dir;

    @BeforeEach
    void table() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.events",
                "CREATE TABLE public.events (id int PRIMARY KEY, day date NOT NULL, v text)");
    }

    private static List<List<String>> rows() {
        return TestDatabase.rows("SELECT id, day, v FROM events ORDER BY id");
    }

    @Test
    void insertOnlyNeverModifiesAnExistingKey() {
        Loads loads = new Loads(dir, "name", "events", "mode", "insert-only");
        loads.load("a.csv", HEADER + "1,2026-11-01,first\n2,2026-11-01,first\n");
        List<List<String>> versions = Loads.versions("events", "id");
        LoadOutcome second = loads.load("b.csv", HEADER + "2,2026-11-01,changed\n3,2026-11-02,new\n");

        assertThat(second.counts()).extracting("inserted", "updated", "unchanged", "ignored")
                .containsExactly(1L, 0L, 0L, 1L);
        assertThat(rows()).containsExactly(List.of("1", "2026-11-01", "first"), List.of("2", "2026-11-01", "first"),
                List.of("3", "2026-11-02", "new"));
        assertThat(Loads.versions("events", "id")).containsAll(versions);

        List<List<String>> before = Loads.versions("events", "id");
        LoadOutcome replay = loads.load("c.csv", HEADER + "3,2026-11-02,new\n1,2026-11-01,first\n");
        assertThat(replay.counts()).extracting("inserted", "unchanged", "ignored").containsExactly(0L, 2L, 0L);
        assertThat(Loads.versions("events", "id")).isEqualTo(before);
    }

    @Test
    void replacePartitionsRefusesToMoveAKeyOutOfAPartitionTheFileDoesNotCover() {
        Loads loads = new Loads(dir, "name", "events", "mode", "replace-partitions", "partition-column", "day");
        loads.load("a.csv", HEADER + "1,2026-11-01,a\n2,2026-11-02,b\n");
        LoadOutcome moved = loads.load("b.csv", HEADER + "1,2026-11-02,a\n");
        assertThat(moved.status()).isEqualTo(RunStatus.FAILED);
        assertThat(moved.error()).contains("1 keys of the file exist in public.events under a partition value the"
                + " file does not cover");
        assertThat(rows()).containsExactly(List.of("1", "2026-11-01", "a"), List.of("2", "2026-11-02", "b"));

        LoadOutcome within = loads.load("c.csv", HEADER + "1,2026-11-02,a\n9,2026-11-01,z\n");
        assertThat(within.status()).as("a key moving between two replaced dates is fine").isEqualTo(RunStatus.PUBLISHED);
        assertThat(rows()).containsExactly(List.of("1", "2026-11-02", "a"), List.of("9", "2026-11-01", "z"));
    }

    @Test
    void replacePartitionsMakesEachDateOfTheFileExactlyTheFile() {
        Loads loads = new Loads(dir, "name", "events", "mode", "replace-partitions", "partition-column", "day");
        loads.load("all.csv", HEADER + "1,2026-11-01,a\n2,2026-11-01,b\n3,2026-11-02,c\n");
        List<String> otherDay = Loads.versions("events", "id").get(2);

        LoadOutcome corrected = loads.load("day1.csv", HEADER + "1,2026-11-01,a2\n4,2026-11-01,d\n");
        assertThat(corrected.counts()).extracting("inserted", "updated", "unchanged", "deleted")
                .containsExactly(1L, 1L, 0L, 1L);
        assertThat(rows()).containsExactly(List.of("1", "2026-11-01", "a2"), List.of("3", "2026-11-02", "c"),
                List.of("4", "2026-11-01", "d"));
        assertThat(Loads.versions("events", "id")).as("the other date is untouched").contains(otherDay);

        List<List<String>> before = Loads.versions("events", "id");
        LoadOutcome replay = loads.load("day1-again.csv", HEADER + "4,2026-11-01,d\n1,2026-11-01,a2\n");
        assertThat(replay.counts()).extracting("inserted", "updated", "unchanged", "deleted")
                .containsExactly(0L, 0L, 2L, 0L);
        assertThat(Loads.versions("events", "id")).isEqualTo(before);
    }

    @Test
    void aNullPartitionValueFailsTheFileBecauseReplaceModesTolerateNoRejects() throws Exception {
        Loads loads = new Loads(dir, "name", "events", "mode", "replace-partitions", "partition-column", "v");
        LoadOutcome outcome = loads.load("n.csv", HEADER + "1,2026-11-01,a\n2,2026-11-01,\n");
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(java.nio.file.Files.readString(dir.resolve("inbox/.rejected/n.csv.rejects.csv")))
                .contains("n.csv,3,v,null in partition column");
        assertThat(rows()).isEmpty();
    }

    @Test
    void aDeferredPrimaryKeyGivesTheFirstLoadTheSameLastLineWinsAsLaterLoads() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.deferred",
                "CREATE TABLE public.deferred (id int, v text, PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED)");
        Loads loads = new Loads(dir, "name", "deferred");
        LoadOutcome first = loads.load("d1.csv", "id,v\n1,a\n2,b\n1,c\n");
        assertThat(first.status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(first.counts()).extracting("inserted", "duplicates").containsExactly(2L, 1L);
        assertThat(TestDatabase.rows("SELECT id::text, v FROM deferred ORDER BY id"))
                .containsExactly(List.of("1", "c"), List.of("2", "b"));
        assertThat(dir.resolve("inbox/.rejected/d1.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void aKeyStoredWithANullPartitionValueIsNeverMovedIntoTheFilesPartition() {
        Loads loads = new Loads(dir, "name", "events", "mode", "replace-partitions", "partition-column", "day");
        TestDatabase.execute("ALTER TABLE events ALTER day DROP NOT NULL",
                "INSERT INTO events VALUES (1, NULL, 'kept'), (2, '2026-11-01', 'b')");
        LoadOutcome outcome = loads.load("day1.csv", HEADER + "1,2026-11-01,a\n2,2026-11-01,b2\n");
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("1 keys of the file exist in", "under a partition value the file does not"
                + " cover");
        assertThat(rows()).containsExactly(Arrays.asList("1", null, "kept"), List.of("2", "2026-11-01", "b"));
    }

    @Test
    void replaceSwapsTheWholeTableAndAReaderSeesOldOrNewNeverPartial() throws Exception {
        Loads loads = new Loads(dir, "name", "events", "mode", "replace");
        StringBuilder old = new StringBuilder(HEADER);
        StringBuilder fresh = new StringBuilder(HEADER);
        for (int i = 1; i <= 20_000; i++) {
            old.append(i).append(",2026-11-01,old\n");
            if (i > 5_000) {
                fresh.append(i + 100_000).append(",2026-11-02,new\n");
            }
        }
        loads.load("old.csv", old.toString());

        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (publishing.get()) {
                seen.add(TestDatabase.scalar("SELECT count(*) || '/' || sum(id) FROM events"));
            }
        });
        reader.start();
        LoadOutcome swapped;
        try {
            swapped = loads.load("new.csv", fresh.toString());
        } finally {
            publishing.set(false);
            reader.join();
        }
        assertThat(swapped.status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(swapped.counts()).extracting("inserted", "deleted").containsExactly(15_000L, 20_000L);
        String before = "20000/" + (20_000L * 20_001 / 2);
        String after = TestDatabase.scalar("SELECT count(*) || '/' || sum(id) FROM events");
        assertThat(after).isEqualTo("15000/" + (15_000L * 100_000 + (5_001L + 20_000) * 15_000 / 2));
        assertThat(seen).as("what the concurrent reader saw").isNotEmpty().isSubsetOf(before, after);

        List<List<String>> versions = Loads.versions("events", "id");
        String reordered = HEADER + fresh.substring(HEADER.length()).lines().sorted(java.util.Comparator.reverseOrder())
                .map(l -> l + "\n").reduce("", String::concat);
        LoadOutcome replay = loads.load("new-reordered.csv", reordered);
        assertThat(replay.counts()).extracting("inserted", "updated", "deleted", "unchanged")
                .containsExactly(0L, 0L, 0L, 15_000L);
        assertThat(Loads.versions("events", "id")).as("a replay rewrites nothing").isEqualTo(versions);
    }
}
