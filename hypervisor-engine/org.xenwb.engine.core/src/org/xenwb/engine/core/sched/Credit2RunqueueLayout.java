package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.sched.Credit2Scheduler.RunqueueArrangement;

/**
 * How a credit2 pool's pCPUs are grouped into run queues, as Xen 4.17's {@code cpu_add_to_runqueue} does it when the
 * pCPUs are added one by one in increasing order: a pCPU joins the first run queue of its topology group (its socket
 * by default) that already holds one of its SMT siblings, or that has room for it and its siblings; otherwise it
 * opens a new run queue. Room means at most {@code online / ceil(online / max_cpus_runqueue)} pCPUs (the pCPUs
 * balanced over the fewest run queues that respect {@code sched_credit2_max_cpus_runqueue}), whole cores only unless
 * the arrangement is {@code all}.
 */
final class Credit2RunqueueLayout {

    private Credit2RunqueueLayout() {
    }

    /**
     * @param cpus the pool's pCPUs
     * @param host the host (its pCPU count stands for Xen's online pCPUs)
     * @param arrangement the {@code credit2_runqueue=} grouping
     * @param maxCpusRunqueue {@code sched_credit2_max_cpus_runqueue}, at least 1
     * @return the run queues, numbered from 0 in creation order, each with its pCPUs idle (and SMT-idle) and its pick
     *     bias at its first pCPU
     */
    static List<Credit2Runqueue> arrange(CpuSet cpus, HostTopology host, RunqueueArrangement arrangement,
            int maxCpusRunqueue) {
        int online = host.nrCpus();
        int minRqs = (online - 1) / maxCpusRunqueue + 1;
        int maxPerRq = online / minRqs;
        int threads = host.threadsPerCore();
        List<Credit2Runqueue> rqs = new ArrayList<>();
        Map<Credit2Runqueue, Integer> groups = new HashMap<>();
        for (int cpu : cpus.toArray()) {
            int group = switch (arrangement) {
                case CPU -> cpu;
                case CORE -> host.coreOf(cpu);
                case SOCKET -> host.socketOf(cpu);
                case NODE -> host.nodeOf(cpu);
                case ALL -> 0;
            };
            Credit2Runqueue r = null;
            for (Credit2Runqueue q : rqs) {
                if (groups.get(q) == group && fits(q, cpu, threads, maxPerRq, arrangement)) {
                    r = q;
                    break;
                }
            }
            if (r == null) {
                r = new Credit2Runqueue(rqs.size(), online);
                r.pickBias = cpu; // a new run queue's pick bias is its first pCPU
                rqs.add(r);
                groups.put(r, group);
            }
            r.active = r.active.or(CpuSet.of(cpu));
            r.idle.set(cpu);
            r.smtIdle.set(cpu);
        }
        return rqs;
    }

    /** @return whether {@code cpu} may join {@code q}: a sibling is there, or there is room for its whole core */
    private static boolean fits(Credit2Runqueue q, int cpu, int threads, int maxPerRq,
            RunqueueArrangement arrangement) {
        boolean sibling = q.active.stream().anyMatch(c -> c / threads == cpu / threads);
        if (sibling) {
            return true;
        }
        int cores = (int) q.active.stream().map(c -> c / threads).distinct().count();
        return q.active.size() < maxPerRq
                && (arrangement == RunqueueArrangement.ALL || (cores + 1) * threads <= maxPerRq);
    }
}
