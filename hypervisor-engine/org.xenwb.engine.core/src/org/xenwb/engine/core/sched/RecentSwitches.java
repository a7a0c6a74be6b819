package org.xenwb.engine.core.sched;

import org.xenwb.engine.core.model.CpuMask;

/**
 * The pCPUs that switched to another vCPU recently, as a mask: credit2's {@code runq_tickle} scores every busy pCPU
 * of a run queue, and {@code tickle_score} gives -1 to one whose vCPU started running within the rate limit (less
 * the tolerance). On an overloaded run queue that is most of them, so the scan drops them by mask first.
 *
 * <p>Switches are recorded in time order in a ring; {@link #since} forgets those before a time and returns the
 * pCPUs with a switch left. The mask errs one way only: a pCPU in it switched at or after the time given (callers
 * still test each pCPU left out of it, so a pCPU missing from it costs time, never a different result). Simulation
 * thread only.</p>
 */
final class RecentSwitches {

    private final CpuMask recent;
    /** Per pCPU, how many of its switches the ring holds. */
    private final int[] pending;
    private int[] cpus = new int[1024];
    private long[] times = new long[1024];
    private int head;
    private int size;

    /** @param nrCpus the host's pCPUs */
    RecentSwitches(int nrCpus) {
        recent = new CpuMask(nrCpus);
        pending = new int[nrCpus];
    }

    /**
     * Records a switch, and forgets those before {@code oldest} (so the ring holds one window of switches).
     *
     * @param cpu the pCPU that switched
     * @param now when, ns; not earlier than any switch recorded before
     * @param oldest as for {@link #since}
     */
    void switched(int cpu, long now, long oldest) {
        since(oldest);
        if (size == cpus.length) {
            grow();
        }
        int tail = (head + size) & (cpus.length - 1);
        cpus[tail] = cpu;
        times[tail] = now;
        size++;
        pending[cpu]++;
        recent.set(cpu);
    }

    /**
     * @param oldest a time, ns
     * @return pCPUs whose last switch was at or after {@code oldest} (all of them if {@code oldest} is not earlier
     *     than at the previous call); valid until the next call
     */
    CpuMask since(long oldest) {
        int mask = cpus.length - 1;
        while (size > 0 && times[head] < oldest) {
            int cpu = cpus[head];
            if (--pending[cpu] == 0) {
                recent.clear(cpu);
            }
            head = (head + 1) & mask;
            size--;
        }
        return recent;
    }

    private void grow() {
        int n = cpus.length;
        int[] c = new int[2 * n];
        long[] t = new long[2 * n];
        for (int i = 0; i < size; i++) {
            c[i] = cpus[(head + i) & (n - 1)];
            t[i] = times[(head + i) & (n - 1)];
        }
        cpus = c;
        times = t;
        head = 0;
    }
}
