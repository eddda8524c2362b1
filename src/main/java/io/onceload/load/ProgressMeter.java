package io.onceload.load;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the row count of a parse loop into throttled {@link Progress} snapshots for the log and for a listener,
 * cheaply enough for a loop of a million rows a second.
 */
final class ProgressMeter {

    /** How often a long load logs its progress, from the first interval on; shorter loads log nothing. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

    /** How often a {@link ProgressListener} hears of progress: often enough for a bar to move smoothly. */
    static final Duration LISTENER_INTERVAL = Duration.ofMillis(200);

    /** Rows between looks at the clock; a power of two, so the loop's test is a mask. */
    static final int CHECK_EVERY_ROWS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(ProgressMeter.class);
    private static final ProgressListener LOGGED = snapshot -> LOG.info(snapshot.logLine());

    /**
     * When snapshots are taken and passed on; tests shorten it instead of loading big files.
     *
     * @param everyRows rows between clock checks, a power of two
     * @param nanoClock {@link System#nanoTime()} outside tests
     */
    record Cadence(int everyRows, Duration listenerInterval, Duration logInterval, LongSupplier nanoClock) {

        static final Cadence DEFAULT = new Cadence(CHECK_EVERY_ROWS, LISTENER_INTERVAL, LOG_INTERVAL,
                System::nanoTime);

        Cadence {
            if (everyRows <= 0 || Integer.bitCount(everyRows) != 1) {
                throw new IllegalArgumentException("everyRows must be a power of two: " + everyRows);
            }
        }
    }

    private final String pipeline;
    private final String file;
    private final long totalBytes;
    private final ProgressListener listener;
    private final LongSupplier clock;
    private final long rowMask;
    private final Throttle toListener;
    private final Throttle toLog;
    private long started;

    ProgressMeter(String pipeline, String file, long totalBytes, ProgressListener listener, Cadence cadence) {
        this(pipeline, file, totalBytes, listener, cadence, LOGGED);
    }

    ProgressMeter(String pipeline, String file, long totalBytes, ProgressListener listener, Cadence cadence,
                  ProgressListener log) {
        this.pipeline = pipeline;
        this.file = file;
        this.totalBytes = totalBytes;
        this.listener = listener;
        this.clock = cadence.nanoClock();
        this.rowMask = cadence.everyRows() - 1;
        this.toListener = new Throttle(cadence.listenerInterval(), listener);
        this.toLog = new Throttle(cadence.logInterval(), log);
        begin();
    }

    /** Starts the clock and the intervals again, for a new reading of the file. */
    void begin() {
        started = clock.getAsLong();
        toListener.reset();
        toLog.reset();
    }

    /** True every {@code everyRows} rows: the loop's cheap test before it calls {@link #check}. */
    boolean due(long rows) {
        return (rows & rowMask) == 0;
    }

    /** Passes a snapshot on to the log and the listener when their intervals are up. */
    void check(long rows, long bytesRead) {
        long elapsed = clock.getAsLong() - started;
        if (elapsed < toListener.due && elapsed < toLog.due) {
            return;
        }
        Progress snapshot = snapshot(rows, bytesRead, elapsed);
        toListener.offer(snapshot, elapsed);
        toLog.offer(snapshot, elapsed);
    }

    /** The whole file has been read: the listener hears the final count unthrottled, the log does not. */
    void end(long rows, long bytesRead) {
        listener.progress(snapshot(rows, bytesRead, clock.getAsLong() - started));
    }

    private Progress snapshot(long rows, long bytesRead, long elapsedNanos) {
        return new Progress(pipeline, file, rows, bytesRead, totalBytes, Duration.ofNanos(elapsedNanos));
    }

    /** Passes snapshots on once per interval, on the grid of whole intervals since reading began. */
    private static final class Throttle {
        private final long interval;
        private final ProgressListener target;
        private long due;

        Throttle(Duration interval, ProgressListener target) {
            this.interval = interval.toNanos();
            this.target = target;
        }

        void reset() {
            due = interval;
        }

        void offer(Progress snapshot, long elapsed) {
            if (elapsed < due) {
                return;
            }
            // the next grid point, not elapsed + interval: a stalled loop does not owe a burst, nor shift the beat
            due = interval <= 0 ? elapsed : (elapsed / interval + 1) * interval;
            target.progress(snapshot);
        }
    }
}
