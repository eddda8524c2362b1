package io.onceload.bench;

/** Repeated measurements of one CLI case: medians of the times, counters and peak memory of the last run. */
final class Measured {

    private final java.util.List<Double> walls = new java.util.ArrayList<>();
    private final java.util.List<Double> loads = new java.util.ArrayList<>();
    long inserted;
    long updated;
    long wal;
    long tableBytes;
    long rss;

    void add(Probe.Run run, double loadSeconds, Probe.Snapshot start, Probe.Snapshot end) {
        walls.add(run.seconds());
        loads.add(loadSeconds);
        inserted = end.inserted() - start.inserted();
        updated = end.updated() - start.updated();
        wal = end.walLsn() - start.walLsn();
        tableBytes = end.tableBytes() - start.tableBytes();
        rss = Math.max(rss, run.peakRssMb());
    }

    /** Median seconds: of the whole CLI process, or of the load phase from the run record. */
    double seconds(boolean wall) {
        return Benchmark.median((wall ? walls : loads).stream().mapToDouble(Double::doubleValue).toArray());
    }

    long writes() {
        return inserted + updated;
    }

    Result result(String name, long rows, String baseline, double baselineSeconds, String target, boolean met) {
        return new Result(name, rows, seconds(true), seconds(false), baseline, baselineSeconds, inserted, updated, wal,
                tableBytes, rss, target, met);
    }
}
