package org.xenwb.engine.core.sim;

import java.util.SplittableRandom;

/**
 * The simulation's only source of randomness: per-key generators derived from the run's seed, so that the draws
 * of one vCPU do not depend on how many other vCPUs exist or in which order they were created. Immutable.
 */
public final class SimRandom {

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
        return new SplittableRandom(new SplittableRandom(seed ^ (key * 0x9E3779B97F4A7C15L)).nextLong() + key);
    }
}
