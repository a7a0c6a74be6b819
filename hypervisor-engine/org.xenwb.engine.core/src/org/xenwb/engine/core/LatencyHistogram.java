package org.xenwb.engine.core;

/**
 * Wake-to-run latencies of one vCPU in a log-linear histogram of fixed size (5.4 KB, allocated at the first sample),
 * so a long run does not keep every sample: values below 64 ns are counted exactly; above, each power of two is
 * split into 32 buckets, and a percentile is reported as the middle of its bucket, within 1/64 (1.6%) of the exact
 * sample. Values from 2^{@value #MAX_EXPONENT} ns (about 9.8 hours) up count in the last bucket. One flat array: a
 * sample touches one line of it (a row per power of two allocated on demand was smaller but slower, one more
 * indirection per sample). Simulation thread only.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 5;
    private static final int SUBS = 1 << SUB_BITS;
    /** Values below this are their own bucket. */
    private static final int EXACT = 2 * SUBS;
    /** The largest power of two with its own buckets. */
    static final int MAX_EXPONENT = 45;

    private int[] counts;
    private long count;

    /** @param ns a latency, ns (negative counts as 0) */
    void add(long ns) {
        if (counts == null) {
            counts = new int[bucketOf(Long.MAX_VALUE) + 1];
        }
        counts[bucketOf(Math.max(0, ns))]++;
        count++;
    }

    /** @return the number of samples */
    long count() {
        return count;
    }

    /**
     * The sample at rank {@code ceil(p / 100 * count)} in increasing order (the first for p = 0), to the histogram's
     * precision.
     *
     * @param p a percentile, 0..100
     * @return the latency, ns, or -1 without samples
     */
    long percentile(double p) {
        if (count == 0) {
            return -1;
        }
        long rank = Math.max(0, Math.min(count - 1, (long) Math.ceil(p / 100.0 * count) - 1));
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen > rank) {
                return middleOf(b);
            }
        }
        throw new IllegalStateException("histogram counts do not add up to " + count);
    }

    static int bucketOf(long ns) {
        if (ns < EXACT) {
            return (int) ns;
        }
        int e = Math.min(63 - Long.numberOfLeadingZeros(ns), MAX_EXPONENT);
        int sub = e == MAX_EXPONENT && ns >= 1L << (MAX_EXPONENT + 1) ? SUBS - 1
                : (int) (ns >>> (e - SUB_BITS)) & (SUBS - 1);
        return EXACT + (e - (SUB_BITS + 1)) * SUBS + sub;
    }

    static long middleOf(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        int e = (bucket - EXACT) / SUBS + SUB_BITS + 1;
        int sub = (bucket - EXACT) % SUBS;
        long width = 1L << (e - SUB_BITS);
        return (1L << e) + sub * width + width / 2;
    }
}
