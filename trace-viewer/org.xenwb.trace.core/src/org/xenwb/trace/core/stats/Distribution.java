package org.xenwb.trace.core.stats;

import java.util.Arrays;

/**
 * An exact distribution of durations (every sample kept, nothing sampled or bucketed): count, extremes, mean and
 * nearest-rank percentiles. Units are those of the samples (TSC cycles here). Immutable, thread-safe.
 */
public final class Distribution {

    private final long[] sorted;

    /**
     * @param samples the samples; copied and sorted
     */
    public Distribution(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    /** @return number of samples */
    public int count() {
        return sorted.length;
    }

    /** @return the samples in increasing order (a copy) */
    public long[] sortedSamples() {
        return sorted.clone();
    }

    /** @return the smallest sample, 0 when empty */
    public long min() {
        return sorted.length == 0 ? 0 : sorted[0];
    }

    /** @return the largest sample, 0 when empty */
    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    /** @return the sum of the samples */
    public long total() {
        long t = 0;
        for (long s : sorted) {
            t += s;
        }
        return t;
    }

    /** @return the mean, 0 when empty */
    public double mean() {
        return sorted.length == 0 ? 0 : (double) total() / sorted.length;
    }

    /**
     * The nearest-rank percentile: the smallest sample such that at least {@code p} percent are &lt;= it.
     *
     * @param p 0 &lt; p &lt;= 100
     * @return the percentile, 0 when empty
     */
    public long percentile(double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
