package io.onceload.csv;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decodes, checksums and parses a file on a thread of its own, a few batches ahead of the thread that checks,
 * encodes and copies the records: the two halves of a load's Java work then run on two cores. Memory stays bounded
 * by {@link #QUEUED} batches of at most {@link #BATCH_RECORDS} records or {@link #BATCH_CHARS} characters.
 */
public final class ReadAhead implements AutoCloseable {

    static final int BATCH_RECORDS = 1024;
    static final long BATCH_CHARS = 1 << 20;
    static final int QUEUED = 3;

    /** Records in file order; {@code failure} or {@code end} closes the stream after them. */
    private record Batch(SourceRecord[] records, int size, Throwable failure, boolean end) {
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread reader;
    private volatile boolean cancelled;
    private Batch current;
    private int next;
    private boolean finished;

    private ReadAhead(CsvSource source, String name) {
        this.reader = new Thread(() -> read(source), "onceload-read " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts reading the records after the ones already taken from {@code source}. */
    public static ReadAhead start(CsvSource source, String name) {
        return new ReadAhead(source, name);
    }

    private void read(CsvSource source) {
        SourceRecord[] records = new SourceRecord[BATCH_RECORDS];
        int size = 0;
        long chars = 0;
        try {
            for (SourceRecord record = source.next(); record != null && !cancelled; record = source.next()) {
                records[size++] = record;
                for (String field : record.fields()) {
                    chars += field == null ? 0 : field.length();
                }
                if (size == BATCH_RECORDS || chars >= BATCH_CHARS) {
                    hand(new Batch(records, size, null, false));
                    records = new SourceRecord[BATCH_RECORDS];
                    size = 0;
                    chars = 0;
                }
            }
            hand(new Batch(records, size, null, true));
        } catch (Throwable failure) {
            // handed over in order: the records before the failure are still loaded, then it is thrown
            hand(new Batch(records, size, failure, true));
        }
    }

    private void hand(Batch batch) {
        try {
            while (!cancelled && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // the loading thread is busy; wait, unless it gave up on this file
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next record, or {@code null} at the end; throws what parsing the file threw, where it threw it. */
    public SourceRecord next() {
        while (current == null || next == current.size()) {
            if (current != null && current.end()) {
                rethrow(current.failure());
                return null;
            }
            current = take();
            next = 0;
        }
        return current.records()[next++];
    }

    private Batch take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the file", e);
        }
    }

    private void rethrow(Throwable failure) {
        if (failure == null || finished) {
            finished = true;
            return;
        }
        finished = true;
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /** Stops the reader (a failed load leaves records unread) and waits for it, so the file can be closed. */
    @Override
    public void close() {
        cancelled = true;
        queue.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
