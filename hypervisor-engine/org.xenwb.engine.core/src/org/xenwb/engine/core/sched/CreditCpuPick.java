package org.xenwb.engine.core.sched;

import org.xenwb.engine.core.model.CpuMask;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.Vcpu;

/**
 * credit's {@code _csched_cpu_pick} (Xen 4.17): the pCPU a vCPU should run on. Per affinity balance step (soft,
 * then hard) it starts from the vCPU's pCPU, moves to an idler when there is one, and then compares groups of
 * idlers: within a socket the idle threads of two cores (move when the other core has more idle threads), across
 * sockets the idle pCPUs of the two sockets (move only when the other socket has more than twice as many). So
 * work spreads over idle cores before it doubles up on SMT siblings. With {@code sched_smt_power_savings} (off by
 * default, as in Xen) it consolidates instead. The vCPU's own pCPU counts as idle when its run queue is empty.
 *
 * <p>Scratch masks are reused: one instance per scheduler, simulation thread only. Each pCPU keeps an
 * {@code idle_bias} (initially the host's last pCPU) that a committed pick updates, so repeated picks rotate
 * over equally idle pCPUs as in Xen.</p>
 */
final class CreditCpuPick {

    private final int nrCpus;
    private final int threads;
    private final int cpusPerSocket;
    private final int[] idleBias;
    private final long[] cpus;
    private final long[] idlers;
    private final long[] group;
    private boolean powerSavings;

    /** @param host the simulated host */
    CreditCpuPick(HostTopology host) {
        nrCpus = host.nrCpus();
        threads = host.threadsPerCore();
        cpusPerSocket = host.coresPerSocket() * threads;
        idleBias = new int[nrCpus];
        java.util.Arrays.fill(idleBias, nrCpus - 1);
        int words = (nrCpus + 63) >>> 6;
        cpus = new long[words];
        idlers = new long[words];
        group = new long[words];
    }

    /** @param on Xen's {@code sched_smt_power_savings} boot option (default false) */
    void setSmtPowerSavings(boolean on) {
        powerSavings = on;
    }

    /** @return whether {@code sched_smt_power_savings} is on */
    boolean smtPowerSavings() {
        return powerSavings;
    }

    /**
     * @param v the vCPU; {@code v.processor} is where the search starts
     * @param pool the pCPUs of its pool
     * @param hard its effective hard affinity within the pool (not empty)
     * @param soft whether its soft affinity is useful ({@code has_soft_affinity})
     * @param prvIdlers the scheduler's idlers
     * @param ownRunqIdle whether the run queue of {@code v.processor} is empty
     * @param commit whether to remember the choice in the chosen group's idle bias (true for placements, false
     *     for the tick's "would it be better elsewhere" check)
     * @return the pCPU, in {@code hard}
     */
    int pick(Vcpu v, CpuSet pool, CpuSet hard, boolean soft, CpuMask prvIdlers, boolean ownRunqIdle,
            boolean commit) {
        int master = v.processor >= 0 && v.processor < nrCpus ? v.processor : nrCpus - 1;
        int cpu = master;
        int spc = -1;
        for (int step = soft ? 0 : 1; step < 2; step++) {
            boolean any = false;
            for (int i = 0; i < cpus.length; i++) {
                long w = pool.word(i) & hard.word(i);
                if (step == 0) {
                    w &= v.softAffinity.word(i);
                }
                cpus[i] = w;
                any |= w != 0;
            }
            if (!any) {
                continue;
            }
            cpu = test(cpus, master) ? master : cycle(master, cpus);
            for (int i = 0; i < idlers.length; i++) {
                idlers[i] = prvIdlers.word(i);
            }
            if (master == cpu && ownRunqIdle) {
                set(idlers, cpu);
            }
            for (int i = 0; i < cpus.length; i++) {
                cpus[i] &= idlers[i];
            }
            if (!test(cpus, cpu) && !empty(cpus)) {
                cpu = cycle(cpu, cpus);
            }
            clear(cpus, cpu, cpu + 1);
            while (!empty(cpus)) {
                int nxt = cycle(cpu, cpus);
                boolean sameSocket = cpu / cpusPerSocket == nxt / cpusPerSocket;
                int size = sameSocket ? threads : cpusPerSocket;
                int cpuFirst = cpu - cpu % size;
                int nxtFirst = nxt - nxt % size;
                int weightCpu = count(idlers, cpuFirst, cpuFirst + size);
                int weightNxt = count(idlers, nxtFirst, nxtFirst + size);
                if (powerSavings ? weightCpu > weightNxt : weightCpu * (sameSocket ? 1 : 2) < weightNxt) {
                    // the idlers of nxt's group that are still candidates
                    for (int i = 0; i < group.length; i++) {
                        group[i] = idlers[i] & cpus[i];
                    }
                    clear(group, 0, nxtFirst);
                    clear(group, nxtFirst + size, nrCpus);
                    spc = nxt;
                    cpu = cycle(idleBias[nxt], group);
                    int core = cpu - cpu % threads;
                    clear(cpus, core, core + threads);
                } else {
                    for (int i = 0; i < cpus.length; i++) {
                        cpus[i] &= ~(idlers[i] & rangeBits(i, nxtFirst, nxtFirst + size));
                    }
                }
            }
            if (test(idlers, cpu)) {
                break;
            }
        }
        if (commit && spc >= 0) {
            idleBias[spc] = cpu;
        }
        return cpu;
    }

    private static boolean test(long[] m, int cpu) {
        return (m[cpu >>> 6] & (1L << cpu)) != 0;
    }

    private static void set(long[] m, int cpu) {
        m[cpu >>> 6] |= 1L << cpu;
    }

    private static boolean empty(long[] m) {
        for (long w : m) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** Clears pCPUs {@code from} (inclusive) to {@code to} (exclusive). */
    private static void clear(long[] m, int from, int to) {
        for (int i = from >>> 6; i < m.length && i << 6 < to; i++) {
            m[i] &= ~rangeBits(i, from, to);
        }
    }

    private static int count(long[] m, int from, int to) {
        int n = 0;
        for (int i = from >>> 6; i < m.length && i << 6 < to; i++) {
            n += Long.bitCount(m[i] & rangeBits(i, from, to));
        }
        return n;
    }

    /** @return the bits of word {@code i} for pCPUs {@code from} (inclusive) to {@code to} (exclusive) */
    private static long rangeBits(int i, int from, int to) {
        int lo = Math.max(from - (i << 6), 0);
        int hi = Math.min(to - (i << 6), 64);
        if (lo >= hi) {
            return 0;
        }
        long upTo = hi == 64 ? -1L : (1L << hi) - 1;
        return upTo & (-1L << lo);
    }

    /** {@code cpumask_cycle}: the first member after {@code n}, wrapping around (n itself last); -1 if none. */
    private static int cycle(int n, long[] m) {
        int start = n + 1;
        for (int i = start >>> 6; i < m.length; i++) {
            long w = m[i] & (i == start >>> 6 ? -1L << start : -1L);
            if (w != 0) {
                return (i << 6) + Long.numberOfTrailingZeros(w);
            }
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0) {
                return (i << 6) + Long.numberOfTrailingZeros(m[i]);
            }
        }
        return -1;
    }
}
