package org.xenwb.engine.core.sim;

import java.util.SplittableRandom;

/**
 * The simulation's only source of randomness: per-key generators derived from the run's seed, so that the draws
 * of one vCPU do not depend on how many other vCPUs exist or in which order they were created. Immutable.
 */
public final class SimRandom {

    /** SplitMix64's increment (the odd integer nearest 2^64 divided by the golden ratio). */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;

    /** @param seed the run's seed */
    public SimRandom(long seed) {
        this.seed = seed;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * @param key a stable key, e.g. {@code domid * 65536 + vcpu}
     * @return a new generator determined only by the seed and the key
     */
    public SplittableRandom stream(long key) {
        return new SplittableRandom(seedOf(key));
    }

    /**
     * @param key a stable key, e.g. {@code domid * 65536 + vcpu}
     * @return the seed of {@link #stream}{@code (key)}: a {@code SplittableRandom} with it draws the same numbers
     */
    public long seedOf(long key) {
        // the first number of a SplittableRandom seeded with (seed ^ key * gamma), plus the key
        return mix64((seed ^ (key * GOLDEN_GAMMA)) + GOLDEN_GAMMA) + key;
    }

    /**
     * SplitMix64's output function (David Stafford's "variant 13" of MurmurHash3's 64-bit finaliser), as
     * {@link SplittableRandom} applies it to its state.
     *
     * @param z a state
     * @return the number drawn
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
