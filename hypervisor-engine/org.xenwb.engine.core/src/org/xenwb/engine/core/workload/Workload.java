package org.xenwb.engine.core.workload;

/**
 * What a vCPU does when it gets a pCPU: alternating CPU bursts and blocked periods. The engine drives it: it asks
 * for the first burst, lets the vCPU run until it consumed that much CPU time, asks how long to block, wakes it,
 * asks for the next burst, and so on. One instance per vCPU; not thread-safe. Times in ns.
 */
public interface Workload {

    /** A burst that never ends (CPU-bound). */
    long FOREVER = Long.MAX_VALUE;

    /**
     * @param now the time the vCPU is brought up
     * @return CPU time to consume before the first block, {@link #FOREVER}, or a negative value {@code -d} to start
     *         blocked and wake after {@code d - 1} ns ({@code Long.MIN_VALUE} = blocked forever)
     */
    long start(long now);

    /**
     * The current burst is done.
     *
     * @param now the time
     * @return how long to block, ns (0 = continue at once with {@link #nextBurst}), or -1 to block forever
     */
    long burstDone(long now);

    /**
     * The vCPU woke (or continues after a zero-length block).
     *
     * @param now the time
     * @return the CPU time of the next burst, ns (at least 1)
     */
    long nextBurst(long now);

    /** @return deadline misses so far (periodic workloads), else 0 */
    default long deadlineMisses() {
        return 0;
    }

    /** @return completed jobs (periodic workloads), else 0 */
    default long jobs() {
        return 0;
    }

    /** @return the spec this workload was made from, e.g. {@code periodic:period=10ms,exec=2ms} */
    String describe();
}
