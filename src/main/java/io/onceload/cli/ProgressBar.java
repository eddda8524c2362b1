package io.onceload.cli;

import io.onceload.load.Progress;
import io.onceload.load.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Draws the reading of one file as a bar on one terminal line, redrawn in place until the load returns. */
final class ProgressBar implements ProgressListener {

    /** Loads quicker than this draw nothing: a bar that flashes past only buries the result lines. */
    static final Duration SHOW_AFTER = Duration.ofSeconds(1);

    static final int WIDTH = 30;

    private final PrintWriter terminal;
    private int drawn = -1;

    ProgressBar(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** Only a person at a terminal wants a bar; scripts reading {@code --json} or a redirect want none. */
    static boolean wanted(boolean json) {
        return !json && System.console() != null;
    }

    // synchronized: a retried load may report from a redelivery thread while the command thread finishes
    @Override
    public synchronized void progress(Progress snapshot) {
        if (drawn < 0 && snapshot.elapsed().compareTo(SHOW_AFTER) < 0) {
            return;
        }
        String line = render(snapshot);
        // a shorter line than the last (reading restarted) must not leave the old line's tail behind
        terminal.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        terminal.flush();
        drawn = line.length();
    }

    /** Ends the bar's line, if one was drawn, so that what is printed next starts on a line of its own. */
    synchronized void finish() {
        if (drawn >= 0) {
            terminal.println();
            terminal.flush();
            drawn = -1;
        }
    }

    /** E.g. {@code [#############.................]  45%  450,000 rows  180,000 rows/s}. */
    static String render(Progress snapshot) {
        int percent = snapshot.percent();
        int filled = percent * WIDTH / 100;
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%  %,d rows  %,d rows/s", percent, snapshot.rows(),
                        snapshot.rowsPerSecond());
    }
}
