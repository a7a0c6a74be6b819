package org.xenwb.trace.core.xenalyze;

/**
 * The selection algorithms xenalyze uses for its percentiles (a quickselect and a weighted quickselect over the
 * sample), reproduced step for step because they reorder the sample in place and so determine later results.
 */
final class Percentiles {

    private Percentiles() {
    }

    /** xenalyze's {@code percentile}: the element of rank N*ple/100 by Hoare's selection. */
    static long percentile(long[] a, int n, int ple) {
        if (n == 0) {
            return 0;
        }
        int k = n * ple / 100;
        int l = 0;
        int r = n - 1;
        while (l < r) {
            long x = a[k];
            int i = l;
            int j = r;
            do {
                while (a[i] < x) {
                    i++;
                }
                while (x < a[j]) {
                    j--;
                }
                if (i <= j) {
                    long w = a[i];
                    a[i] = a[j];
                    a[j] = w;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) {
                l = i;
            }
            if (k < i) {
                r = j;
            }
        }
        return a[k];
    }

    /**
     * xenalyze's {@code self_weighted_percentile}: each value weighted by itself.
     *
     * <p>With positive values (all a sane sample has) every round moves a bound, so the search ends within n rounds,
     * as xenalyze's does. A corrupt trace can give negative values (xenalyze warns "less than zero"), and then
     * xenalyze may search forever: a round that moves no bound and leaves the values as they were (it swapped only
     * equal ones) repeats itself exactly. Here the search stops there (where xenalyze never returns), and after
     * 4n + 64 rounds in any case (which positive values never reach), with the value at the left bound.</p>
     */
    static long selfWeighted(long[] a, int n, int ple) {
        long nWeight = 0;
        for (int i = 0; i < n; i++) {
            nWeight += a[i];
        }
        long kWeight = nWeight * ple / 100;
        int l = 0;
        long lWeight = 0;
        int r = n - 1;
        long rWeight = nWeight - a[r];
        for (long round = 0; l < r && round < 4L * n + 64; round++) {
            int k = (l + r) >> 1;
            long x = a[k];
            int i = l;
            long iWeight = lWeight;
            int j = r;
            long jWeight = rWeight;
            boolean moved = false;
            do {
                while (a[i] < x) {
                    iWeight += a[i];
                    i++;
                }
                while (x < a[j]) {
                    jWeight -= a[j];
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    moved |= t != a[j];
                    a[i] = a[j];
                    a[j] = t;
                    iWeight += a[i];
                    i++;
                    jWeight -= a[j];
                    j--;
                }
            } while (i <= j);
            boolean narrowed = false;
            if (jWeight < kWeight) {
                l = i;
                lWeight = iWeight;
                narrowed = true;
            }
            if (kWeight < iWeight) {
                r = j;
                rWeight = jWeight;
                narrowed = true;
            }
            if (!narrowed && !moved) {
                break; // the next round would be this one again (only possible with negative values)
            }
        }
        return a[l];
    }
}
