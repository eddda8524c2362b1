package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.RunStatus;
import io.onceload.testing.Loads;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target with a trigger of its own: the publish's row counts no longer prove what the target holds, so the rows
 * are compared with the file after the write, and post-verify sees a trigger that changed a value of the file.
 */
class TriggeredTargetTest {

    @TempDir
    Path dir;

    @Test
    void aTriggerOnAnotherColumnLeavesTheCountsExact() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.stamped",
                "CREATE TABLE public.stamped (id int PRIMARY KEY, name text, touched_at timestamptz)",
                "CREATE OR REPLACE FUNCTION public.stamped_touch() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$BEGIN NEW.touched_at := clock_timestamp(); RETURN NEW; END$$",
                "CREATE TRIGGER touch BEFORE INSERT OR UPDATE ON public.stamped FOR EACH ROW"
                        + " EXECUTE FUNCTION public.stamped_touch()");
        Loads loads = new Loads(dir, "name", "stamped");
        loads.load("s1.csv", "id,name\n1,a\n2,b\n");

        LoadOutcome second = loads.load("s2.csv", "id,name\n1,a\n2,changed\n3,c\n");

        assertThat(second.status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(second.counts()).extracting("inserted", "updated", "unchanged").containsExactly(1L, 1L, 1L);
        assertThat(TestDatabase.count("SELECT count(*) FROM stamped WHERE touched_at IS NOT NULL")).isEqualTo(3);
    }

    @Test
    void aTriggerThatChangesTheFilesValuesFailsPostVerify() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.shouted",
                "CREATE TABLE public.shouted (id int PRIMARY KEY, name text)",
                "CREATE OR REPLACE FUNCTION public.shouted_upper() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$BEGIN NEW.name := upper(NEW.name); RETURN NEW; END$$",
                "CREATE TRIGGER shout BEFORE INSERT OR UPDATE ON public.shouted FOR EACH ROW"
                        + " EXECUTE FUNCTION public.shouted_upper()",
                "INSERT INTO shouted VALUES (1, 'A')");
        Loads loads = new Loads(dir, "name", "shouted");

        LoadOutcome load = loads.load("s.csv", "id,name\n1,A\n2,b\n");

        assertThat(load.status()).isEqualTo(RunStatus.FAILED);
        assertThat(load.error()).contains("post-verify failed", "1 of 2 rows are not in");
        assertThat(TestDatabase.rows("SELECT id, name FROM shouted ORDER BY id")).containsExactly(List.of("1", "A"));
    }
}
