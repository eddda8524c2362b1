package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proof that a file's keys are distinct holds only when they are, and is given up rather than guessed. */
class DistinctKeysTest {

    private static final Column ID = column("id", ColumnKind.BIGINT);
    private static final Column DAY = column("day", ColumnKind.DATE);
    private static final Column CODE = column("code", ColumnKind.TEXT);
    private static final Column AMOUNT = column("amount", ColumnKind.NUMERIC);

    private static Column column(String name, ColumnKind kind) {
        return new Column(name, kind, kind.name().toLowerCase(), -1, -1, -1, true, false, false);
    }

    @Test
    void distinctIntegerKeysAreProvenAndOneRepeatEndsTheProof() {
        DistinctKeys keys = DistinctKeys.of(List.of(AMOUNT, ID), List.of(ID));
        for (long id = -500_000; id <= 500_000; id++) {
            keys.add(new String[] {"1.00", Long.toString(id)});
        }
        assertThat(keys.proven()).isTrue();
        keys.add(new String[] {"2.00", "123456"});
        assertThat(keys.proven()).isFalse();
    }

    @Test
    void keysOutOfOrderAreStillProvenAndTheirRepeatsCaught() {
        DistinctKeys keys = DistinctKeys.of(List.of(ID), List.of(ID));
        for (long id = 1; id <= 100_000; id++) {
            keys.add(new String[] {Long.toString(id)});
        }
        for (long id = 0; id > -100_000; id--) {
            keys.add(new String[] {Long.toString(id)});
        }
        for (long id = 1; id <= 50_000; id++) {
            keys.add(new String[] {Long.toString(id * 7_919 % 1_000_003 + 200_000)});
        }
        assertThat(keys.proven()).isTrue();
        keys.add(new String[] {"77777"});
        assertThat(keys.proven()).isFalse();
    }

    @Test
    void zeroIsAKeyLikeAnyOther() {
        DistinctKeys keys = DistinctKeys.of(List.of(ID), List.of(ID));
        keys.add(new String[] {"0"});
        keys.add(new String[] {"1"});
        keys.add(new String[] {"-1"});
        assertThat(keys.proven()).isTrue();
        keys.add(new String[] {"0"});
        assertThat(keys.proven()).isFalse();
    }

    @Test
    void compositeKeysKeepTheirBoundaries() {
        Column part = column("part", ColumnKind.INTEGER);
        DistinctKeys keys = DistinctKeys.of(List.of(part, ID), List.of(part, ID));
        keys.add(new String[] {"1", "23"});
        keys.add(new String[] {"12", "3"});
        keys.add(new String[] {"123", "0"});
        assertThat(keys.proven()).isTrue();
        keys.add(new String[] {"12", "3"});
        assertThat(keys.proven()).isFalse();
    }

    @Test
    void datesAndUuidsRepeatedAreCaught() {
        Column uuid = column("u", ColumnKind.UUID);
        DistinctKeys keys = DistinctKeys.of(List.of(DAY, uuid), List.of(DAY, uuid));
        keys.add(new String[] {"2026-11-23", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"});
        keys.add(new String[] {"2026-11-24", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"});
        assertThat(keys.proven()).isTrue();
        keys.add(new String[] {"2026-11-23", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"});
        assertThat(keys.proven()).isFalse();
    }

    @Test
    void keysWhoseTextCanDifferForEqualValuesAreLeftToTheDatabase() {
        assertThat(DistinctKeys.of(List.of(CODE), List.of(CODE))).isNull();
        assertThat(DistinctKeys.of(List.of(AMOUNT), List.of(AMOUNT))).isNull();
        assertThat(DistinctKeys.of(List.of(ID, CODE), List.of(ID, CODE))).isNull();
    }

    @Test
    void moreKeysThanTheBoundGiveTheProofUp() {
        DistinctKeys keys = DistinctKeys.of(List.of(ID), List.of(ID));
        for (long id = 1; id <= DistinctKeys.MAX_KEYS; id++) {
            keys.add(new String[] {Long.toString(id)});
        }
        assertThat(keys.proven()).isTrue();
        keys.add(new String[] {Long.toString(DistinctKeys.MAX_KEYS + 1L)});
        assertThat(keys.proven()).isFalse();
    }
}
