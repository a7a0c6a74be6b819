package org.xenwb.kconfig.core;

/**
 * The pseudo-random generator behind glibc's {@code srand}/{@code rand} (the default TYPE_3 additive feedback
 * generator), so that {@code randconfig} draws the same numbers as the C {@code conf} for a given seed.
 * Not thread-safe.
 */
final class GlibcRandom {
    private final int[] r = new int[34];
    private int f;
    private int b;
    private final int[] state = new int[31];

    GlibcRandom(int seed) {
        if (seed == 0) {
            seed = 1;
        }
        state[0] = seed;
        long word = seed;
        for (int i = 1; i < 31; i++) {
            long hi = word / 127773;
            long lo = word % 127773;
            word = 16807 * lo - 2836 * hi;
            if (word < 0) {
                word += 2147483647;
            }
            state[i] = (int) word;
        }
        f = 3;
        b = 0;
        for (int i = 0; i < 310; i++) {
            next();
        }
    }

    /** @return the next value of {@code rand()}, in [0, 2^31) */
    int next() {
        state[f] += state[b];
        int result = state[f] >>> 1;
        f = (f + 1) % 31;
        b = (b + 1) % 31;
        return result;
    }
}
