package io.onceload.load;

import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Proves in Java, while the file streams by, that no key occurs twice, so the audit need not group the whole
 * staging table by key (a third of a 1M-row reprocess). Memory is bounded: past {@link #MAX_KEYS} keys the proof is
 * given up and the database counts, as it does whenever a key repeats or two keys share a 64-bit fingerprint.
 */
final class DistinctKeys {

    static final int MAX_KEYS = 2 << 20;
    /**
     * Kinds whose canonical text is equal exactly when PostgreSQL's values are equal. Not text (a nondeterministic
     * collation makes different strings equal), numeric (1.0 = 1.00), floats (0 = -0) or timestamps (rounding).
     */
    private static final Set<ColumnKind> EXACT = EnumSet.of(ColumnKind.SMALLINT, ColumnKind.INTEGER,
            ColumnKind.BIGINT, ColumnKind.UUID, ColumnKind.DATE, ColumnKind.BOOLEAN);
    private static final int INITIAL_SLOTS = 1 << 16;

    private final int[] positions;
    private final boolean integer;
    /**
     * Integer keys in strictly ascending order so far (files exported in key order): kept as a plain list, since
     * a hash set's scattered writes cost more than the database's grouping saves; hashed once the order breaks.
     */
    private long[] ascending;
    private long[] slots;
    private int size;
    private boolean zero;
    private boolean proven = true;

    private DistinctKeys(int[] positions, boolean integer) {
        this.positions = positions;
        this.integer = integer;
        if (integer) {
            ascending = new long[INITIAL_SLOTS];
        } else {
            slots = new long[INITIAL_SLOTS];
        }
    }

    /**
     * @param columns the columns of each row, in order
     * @return a tracker, or null when a key column is of a kind it cannot prove distinct
     */
    static DistinctKeys of(List<Column> columns, List<Column> key) {
        int[] positions = new int[key.size()];
        for (int i = 0; i < key.size(); i++) {
            positions[i] = columns.indexOf(key.get(i));
            if (positions[i] < 0 || !EXACT.contains(key.get(i).kind())) {
                return null;
            }
        }
        ColumnKind first = key.get(0).kind();
        boolean integer = key.size() == 1
                && (first == ColumnKind.SMALLINT || first == ColumnKind.INTEGER || first == ColumnKind.BIGINT);
        return new DistinctKeys(positions, integer);
    }

    /** True while every key added so far was new. */
    boolean proven() {
        return proven;
    }

    void add(String[] row) {
        if (!proven) {
            return;
        }
        if (size + 1 > MAX_KEYS) {
            giveUp();
            return;
        }
        // a single integer key is its own fingerprint, so a repeat is a real duplicate
        long fingerprint = integer ? Long.parseLong(row[positions[0]]) : fingerprint(row);
        if (ascending != null) {
            if (size == 0 || fingerprint > ascending[size - 1]) {
                if (size == ascending.length) {
                    ascending = java.util.Arrays.copyOf(ascending, size * 2);
                }
                ascending[size++] = fingerprint;
                return;
            }
            hashAscending();
        }
        if (fingerprint == 0) {
            if (zero) {
                giveUp();
                return;
            }
            zero = true;
            size++;
            return;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, fingerprint)) {
            giveUp();
            return;
        }
        size++;
    }

    /** The order broke: the keys so far go into the hash set, which takes over. */
    private void hashAscending() {
        slots = new long[Math.max(INITIAL_SLOTS, Integer.highestOneBit(Math.max(1, size)) * 4)];
        for (int i = 0; i < size; i++) {
            if (ascending[i] == 0) {
                zero = true;
            } else {
                insert(slots, ascending[i]);
            }
        }
        ascending = null;
    }

    private void giveUp() {
        proven = false;
        slots = null;
        ascending = null;
    }

    private long fingerprint(String[] row) {
        long hash = 0xcbf29ce484222325L;
        for (int position : positions) {
            String value = row[position];
            for (int i = 0; i < value.length(); i++) {
                hash = (hash ^ value.charAt(i)) * 0x100000001b3L;
            }
            // a separator no canonical value contains, so ("1", "23") and ("12", "3") differ
            hash = (hash ^ 0x1f) * 0x100000001b3L;
        }
        return hash;
    }

    /** False when the fingerprint is there already. */
    private static boolean insert(long[] table, long fingerprint) {
        int mask = table.length - 1;
        for (int slot = mix(fingerprint) & mask; ; slot = (slot + 1) & mask) {
            if (table[slot] == 0) {
                table[slot] = fingerprint;
                return true;
            }
            if (table[slot] == fingerprint) {
                return false;
            }
        }
    }

    private void grow() {
        long[] grown = new long[slots.length * 2];
        for (long fingerprint : slots) {
            if (fingerprint != 0) {
                insert(grown, fingerprint);
            }
        }
        slots = grown;
    }

    private static int mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
