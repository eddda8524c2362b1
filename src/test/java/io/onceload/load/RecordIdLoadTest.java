package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Loads;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** content-hash record ids follow the value the column stores, so they agree with PostgreSQL's equality. */
class RecordIdLoadTest {

    @TempDir
    Path dir;

    @Test
    void idsFollowTheStoredValueOfCharAndTimestampColumns() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.hashed",
                "CREATE TABLE public.hashed (record_id uuid NOT NULL, code char(5), at timestamp(0))");
        Loads loads = new Loads(dir, "name", "hashed", "key", "content-hash");
        LoadOutcome first = loads.load("h1.csv", "code,at\n"
                + "ab,2026-01-01 10:00:00\n"
                + "\"ab\t\",2026-01-01 10:00:00\n"
                + "\"ab   \",2026-01-01 10:00:00.4\n"
                + "ab,2026-01-01 09:59:59.5\n");
        assertThat(first.counts()).as("'ab' and 'ab<TAB>' differ; 10:00:00, 10:00:00.4 and 09:59:59.5 are stored"
                + " as one value").extracting("inserted", "duplicates").containsExactly(2L, 2L);
        assertThat(TestDatabase.count("SELECT count(DISTINCT (code, at)) FROM hashed")).isEqualTo(2);
        // the id of a value already in its stored form is the one onceload always gave it
        assertThat(TestDatabase.scalar("SELECT record_id::text FROM hashed WHERE code = 'ab'"))
                .isEqualTo("9d1b969b-46b9-3592-e63e-4d1eb9df8aea");

        LoadOutcome again = loads.load("h2.csv", "code,at\n\"ab \",2026-01-01T10:00:00.49\n\"ab\t\",2026-01-01 10:00\n");
        assertThat(again.counts()).extracting("inserted", "unchanged").containsExactly(0L, 2L);
    }

    @Test
    void negativeTimesRoundAwayFromZeroAsPostgresqlDoes() {
        assertThat(RecordId.storedTimestamp("1999-12-31T23:59:59.500", 0)).isEqualTo("1999-12-31T23:59:59");
        assertThat(RecordId.storedTimestamp("2000-01-01T00:00:00.500", 0)).isEqualTo("2000-01-01T00:00:01");
        assertThat(RecordId.storedTimestamp("2026-01-01T10:00:00.125Z", 2)).isEqualTo("2026-01-01T10:00:00.130Z");
        assertThat(RecordId.storedTimestamp("2026-01-01T10:00:00.120Z", 2)).isEqualTo("2026-01-01T10:00:00.120Z");
        assertThat(TestDatabase.rows("SELECT '1999-12-31 23:59:59.5'::timestamp(0)::text,"
                + " '2000-01-01 00:00:00.5'::timestamp(0)::text")).containsExactly(
                List.of("1999-12-31 23:59:59", "2000-01-01 00:00:01"));
    }
}
