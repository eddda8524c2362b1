package io.onceload.bench;

/**
 * One benchmark case, side by side with its baseline from the same run.
 *
 * @param seconds median wall seconds of the whole CLI process (JVM start included)
 * @param loadSeconds median load phase from the run record
 * @param baselineSeconds median of the baseline; the ratio is seconds / baselineSeconds
 */
record Result(String name, long rows, double seconds, double loadSeconds, String baseline, double baselineSeconds,
              long inserted, long updated, long walBytes, long tableBytes, long peakRssMb, String target,
              boolean met) {

    double ratio() {
        return baselineSeconds > 0 ? seconds / baselineSeconds : Double.NaN;
    }

    double loadRatio() {
        return baselineSeconds > 0 ? loadSeconds / baselineSeconds : Double.NaN;
    }

    double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }
}
