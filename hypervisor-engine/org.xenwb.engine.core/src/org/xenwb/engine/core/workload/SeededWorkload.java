package org.xenwb.engine.core.workload;

import java.util.random.RandomGenerator;

import org.xenwb.engine.core.sim.SimRandom;

/**
 * A workload that draws from its own random stream, kept in the workload object itself: SplitMix64 (the algorithm
 * of {@link java.util.SplittableRandom}, so the numbers are those of a {@code SplittableRandom} with the same seed),
 * so drawing a number touches no other object. The JDK's samplers ({@link #nextExponential()},
 * {@link #nextLong(long)}) work on it through {@link RandomGenerator}. Simulation thread only.
 */
abstract class SeededWorkload implements Workload, RandomGenerator {

    private long state;

    /** @param seed the stream's seed ({@link SimRandom#seedOf}) */
    SeededWorkload(long seed) {
        this.state = seed;
    }

    @Override
    public final long nextLong() {
        state += SimRandom.GOLDEN_GAMMA;
        return SimRandom.mix64(state);
    }
}
