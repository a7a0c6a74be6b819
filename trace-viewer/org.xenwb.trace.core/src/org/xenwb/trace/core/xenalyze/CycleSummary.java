package org.xenwb.trace.core.xenalyze;

import java.util.Arrays;

/**
 * xenalyze's {@code struct cycle_summary}: a count of events, a count and sum of cycle intervals, and a bounded
 * deterministic sample of the intervals from which the {p5|p50|p95} of its reports are computed.
 *
 * <p>Sampling follows xenalyze exactly: the sample array grows by doubling from {@link Sampling#size()} entries up
 * to {@link Sampling#max()}; beyond that only a deterministic subset of new values replaces old ones. With sampling
 * off (size 0) nothing is kept and the reports print no percentiles, as xenalyze's do. The percentile functions
 * reorder the sample in place, as xenalyze's do, so printing order matters. Not thread-safe.</p>
 */
final class CycleSummary {

    final Sampling sampling;
    int eventCount;
    int count;
    int sampleSize;
    long cycles;
    long[] sample = new long[0];

    /** @param sampling the run's --sample-size and --sample-max */
    CycleSummary(Sampling sampling) {
        this.sampling = sampling;
    }

    /**
     * xenalyze's {@code update_cycles}.
     *
     * @param c an interval in cycles (0 only counts the event)
     */
    void update(long c) {
        eventCount++;
        if (c == 0) {
            return;
        }
        if (sampling.enabled()) {
            sampleValue(c);
        }
        count++;
        cycles += c;
    }

    private void sampleValue(long c) {
        int max = sampling.max();
        if (count >= sampleSize && (count == 0 || max == 0 || sampleSize < max)) {
            int newSize = sampleSize << 1;
            if (newSize == 0) {
                newSize = sampling.size();
            }
            if (max != 0 && newSize > max) {
                newSize = max;
            }
            sample = Arrays.copyOf(sample, newSize);
            sampleSize = newSize;
        }
        if (count < sampleSize) {
            sample[count] = c;
        } else {
            int lap = count / sampleSize + 1;
            int index = count % sampleSize;
            if ((index - lap / 3) % lap == 0) {
                sample[index] = c;
            }
        }
    }

    int dataSize() {
        return Math.min(count, sampleSize);
    }

    /** @return the average interval, as xenalyze's unsigned division */
    long average() {
        return Long.divideUnsigned(cycles, count);
    }

    /** xenalyze's {@code print_cycle_summary}. */
    void printCycleSummary(StringBuilder out, String prefix, long cpuHz) {
        if (count == 0) {
            return;
        }
        long avg = average();
        out.append(prefix).append(": ").append(String.format("%7d", count)).append(' ')
                .append(pad(CFormat.fixed(unsignedToDouble(cycles) / cpuHz, 2), 5)).append("s ");
        if (!sampling.enabled()) {
            out.append(String.format("%6d", avg)).append('\n');
            return;
        }
        int n = dataSize();
        long p50 = Percentiles.selfWeighted(sample, n, 50);
        long p5 = Percentiles.selfWeighted(sample, n, 5);
        long p95 = Percentiles.selfWeighted(sample, n, 95);
        out.append(String.format("%6d {%6d|%6d|%6d}", avg, p5, p50, p95)).append('\n');
    }

    /** xenalyze's {@code print_cpu_affinity}. */
    void printCpuAffinity(StringBuilder out, String prefix) {
        if (count == 0) {
            return;
        }
        long avg = average();
        if (!sampling.enabled()) {
            out.append(prefix).append(String.format(": %7d %6d", count, avg)).append('\n');
            return;
        }
        int n = dataSize();
        long p50 = Percentiles.percentile(sample, n, 50);
        long p5 = Percentiles.percentile(sample, n, 5);
        long p95 = Percentiles.percentile(sample, n, 95);
        out.append(prefix).append(String.format(": %7d %6d {%6d|%6d|%6d}", count, avg, p5, p50, p95)).append('\n');
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0 + (v & 1);
        return v >= 0 ? (double) v : d;
    }
}
