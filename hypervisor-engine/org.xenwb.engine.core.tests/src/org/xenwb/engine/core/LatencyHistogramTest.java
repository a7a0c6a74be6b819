package org.xenwb.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The engine's wake-latency histogram against the exact percentiles of the same samples: exact below 64 ns, within
 * 1/64 of the exact sample above, for samples spread over ten orders of magnitude.
 */
class LatencyHistogramTest {

    private static long exact(long[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    @Test
    void percentilesAreWithinOneSixtyFourthOfTheExactSample() {
        Random rnd = new Random(42);
        for (int round = 0; round < 50; round++) {
            int n = 1 + rnd.nextInt(5000);
            long[] samples = new long[n];
            LatencyHistogram h = new LatencyHistogram();
            for (int i = 0; i < n; i++) {
                samples[i] = (long) Math.pow(10, rnd.nextDouble() * 10); // 1 ns .. 10 s
                h.add(samples[i]);
            }
            Arrays.sort(samples);
            assertEquals(n, h.count());
            for (double p : new double[] {0, 1, 50, 90, 99, 99.9, 100}) {
                long want = exact(samples, p);
                long got = h.percentile(p);
                if (want < 64) {
                    assertEquals(want, got, "p" + p + " of " + n + " samples");
                } else {
                    assertTrue(Math.abs(got - want) <= want / 64, "p" + p + ": " + got + " vs exact " + want);
                }
            }
        }
    }

    @Test
    void emptyHistogramHasNoPercentileAndHugeValuesLandInTheLastBucket() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(-1, h.percentile(50));
        h.add(Long.MAX_VALUE);
        h.add(-5);
        assertEquals(0, h.percentile(0));
        assertTrue(h.percentile(100) >= 1L << LatencyHistogram.MAX_EXPONENT);
        for (int b = 0; b <= LatencyHistogram.bucketOf(Long.MAX_VALUE); b++) {
            assertEquals(b, LatencyHistogram.bucketOf(LatencyHistogram.middleOf(b)), "bucket " + b);
        }
    }
}
