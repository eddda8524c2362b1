package io.onceload.load;

/**
 * Receives a load's progress while its file is read: at most every 200 ms (after the first 200 ms), and once more
 * when the whole file has been read; a load that starts reading again (a retry, or the direct path giving way to
 * staging) starts again from zero rows.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Listens to nothing; the default of a {@link LoadRequest}. */
    ProgressListener NONE = snapshot -> { };

    /** Called on the loading thread: return quickly, the parse loop waits. */
    void progress(Progress snapshot);
}
