package org.xenwb.trace.core.xenalyze;

/**
 * How xenalyze samples cycle intervals for its {p5|p50|p95} figures ({@code --sample-size} and
 * {@code --sample-max}).
 *
 * @param size the first sample array size; 0 disables sampling, and the reports then print no percentiles
 * @param max the size the array may not grow beyond; 0 means no limit
 */
record Sampling(int size, int max) {

    /** xenalyze's DEFAULT_SAMPLE_SIZE and DEFAULT_SAMPLE_MAX. */
    static final Sampling DEFAULT = new Sampling(1024, 1024 * 1024 * 32);

    Sampling {
        if (size < 0 || max < 0) {
            throw new IllegalArgumentException("sample sizes must not be negative");
        }
    }

    /** @return whether percentiles are computed and printed */
    boolean enabled() {
        return size != 0;
    }
}
