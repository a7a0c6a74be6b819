package org.xenwb.trace.core.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.xenwb.trace.core.state.Lane;
import org.xenwb.trace.core.state.LaneId;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;

/**
 * Exact scheduling statistics of a {@link StateModel} over a time range {@code [from, to)} in TSC cycles: every
 * interval of every lane is used, clipped to the range; nothing is sampled.
 *
 * <ul>
 * <li>Time per runstate for each vCPU and domain (a domain's CPU time is the running time of its vCPUs).</li>
 * <li>Wake-to-run latency: the length of each runnable interval entered from blocked or offline and left by
 * running, counted when the vCPU starts running inside the range.</li>
 * <li>Migrations: runs (running intervals) that start inside the range on another pCPU than the vCPU's previous
 * run.</li>
 * <li>Run-queue length of the host: the exact number of vCPUs of real domains that are runnable (waiting, not
 * running) at each instant, as time spent at each length. Per credit2 runqueue and per pCPU: see
 * {@link RunQueues}, which also reads the scheduler's records.</li>
 * </ul>
 *
 * <p>Computed once by {@link #compute}; immutable afterwards and thread-safe.</p>
 */
public final class SchedStats {

    /**
     * Statistics of one vCPU.
     *
     * @param id the lane
     * @param time cycles per {@link Runstate} in the range
     * @param runs running intervals that start in the range
     * @param migrations runs that start on another pCPU than the previous run
     * @param wakeLatency wake-to-run latencies, cycles
     */
    public record VcpuStats(LaneId id, long[] time, int runs, int migrations, Distribution wakeLatency) {
    }

    /**
     * Statistics of one domain: the sums over its vCPUs.
     *
     * @param domain the domain id
     * @param time cycles per {@link Runstate}
     * @param runs running intervals that start in the range
     * @param migrations migrations of its vCPUs
     * @param wakeLatency wake-to-run latencies of its vCPUs, cycles
     */
    public record DomainStats(int domain, long[] time, int runs, int migrations, Distribution wakeLatency) {
    }

    private final long from;
    private final long to;
    private final List<VcpuStats> vcpus;
    private final List<DomainStats> domains;
    private final Distribution wakeLatency;
    private final long[] hostQueue;

    private SchedStats(long from, long to, List<VcpuStats> vcpus, List<DomainStats> domains,
            Distribution wakeLatency, long[] hostQueue) {
        this.from = from;
        this.to = to;
        this.vcpus = vcpus;
        this.domains = domains;
        this.wakeLatency = wakeLatency;
        this.hostQueue = hostQueue;
    }

    /**
     * Computes the statistics.
     *
     * @param model the state model
     * @param from start of the range, TSC cycles
     * @param to end of the range (exclusive), TSC cycles, &gt;= from
     * @return the statistics
     */
    public static SchedStats compute(StateModel model, long from, long to) {
        List<VcpuStats> vcpus = new ArrayList<>();
        Map<Integer, List<VcpuStats>> byDomain = new TreeMap<>();
        List<Long> allWakes = new ArrayList<>();
        QueueSweep host = new QueueSweep();
        for (Lane lane : model.vcpuLanes()) {
            long[] time = new long[Runstate.COUNT];
            lane.timeIn(from, to, time);
            int runs = 0;
            int migrations = 0;
            List<Long> wakes = new ArrayList<>();
            int lastPcpu = -1;
            boolean real = lane.id().domain() != Runstate.IDLE_DOMAIN;
            int i0 = Math.max(0, lane.find(from) - 1);
            // the previous run's pCPU, for a migration at the first run in range
            for (int j = i0; j >= 0 && lastPcpu < 0; j--) {
                if (lane.state(j) == Runstate.RUNNING && lane.start(j) < from) {
                    lastPcpu = lane.arg(j);
                }
            }
            for (int i = i0; i < lane.size() && lane.start(i) < to; i++) {
                int s = lane.state(i);
                long start = lane.start(i);
                if (s == Runstate.RUNNING) {
                    if (start >= from) {
                        runs++;
                        if (lastPcpu >= 0 && lastPcpu != lane.arg(i)) {
                            migrations++;
                        }
                    }
                    lastPcpu = lane.arg(i);
                } else if (s == Runstate.RUNNABLE && real) {
                    boolean ranNext = i + 1 < lane.size() && lane.state(i + 1) == Runstate.RUNNING;
                    long end = lane.end(i);
                    host.add(start, end, from, to);
                    if (ranNext && i > 0 && end >= from && end < to) {
                        int before = lane.state(i - 1);
                        if (before == Runstate.BLOCKED || before == Runstate.OFFLINE) {
                            wakes.add(end - start);
                        }
                    }
                }
            }
            allWakes.addAll(real ? wakes : List.of());
            VcpuStats v = new VcpuStats(lane.id(), time, runs, migrations, new Distribution(toArray(wakes)));
            vcpus.add(v);
            byDomain.computeIfAbsent(lane.id().domain(), k -> new ArrayList<>()).add(v);
        }
        List<DomainStats> domains = new ArrayList<>();
        for (Map.Entry<Integer, List<VcpuStats>> e : byDomain.entrySet()) {
            long[] time = new long[Runstate.COUNT];
            int runs = 0;
            int migrations = 0;
            List<Long> wakes = new ArrayList<>();
            for (VcpuStats v : e.getValue()) {
                for (int s = 0; s < Runstate.COUNT; s++) {
                    time[s] += v.time()[s];
                }
                runs += v.runs();
                migrations += v.migrations();
                for (long w : v.wakeLatency().sortedSamples()) {
                    wakes.add(w);
                }
            }
            domains.add(new DomainStats(e.getKey(), time, runs, migrations, new Distribution(toArray(wakes))));
        }
        return new SchedStats(from, to, List.copyOf(vcpus), List.copyOf(domains),
                new Distribution(toArray(allWakes)), host.timeAtLength(from, to));
    }

    private static long[] toArray(List<Long> list) {
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /** @return start of the range, TSC cycles */
    public long from() {
        return from;
    }

    /** @return end of the range (exclusive), TSC cycles */
    public long to() {
        return to;
    }

    /** @return per-vCPU statistics, by domain then vCPU */
    public List<VcpuStats> vcpus() {
        return vcpus;
    }

    /** @return per-domain statistics, by domain id */
    public List<DomainStats> domains() {
        return domains;
    }

    /** @return wake-to-run latencies of all vCPUs of real domains (the idle domain excluded), cycles */
    public Distribution wakeLatency() {
        return wakeLatency;
    }

    /** @return cycles during which {@code k} vCPUs of real domains were runnable, index k */
    public long[] hostRunQueue() {
        return hostQueue.clone();
    }

    /** Step function of a queue length built from intervals, clipped to a range. */
    private static final class QueueSweep {
        private final TreeMap<Long, Integer> steps = new TreeMap<>();

        void add(long start, long end, long from, long to) {
            long a = Math.max(start, from);
            long b = Math.min(end, to);
            if (a < b) {
                steps.merge(a, 1, Integer::sum);
                steps.merge(b, -1, Integer::sum);
            }
        }

        long[] timeAtLength(long from, long to) {
            List<Long> out = new ArrayList<>();
            int len = 0;
            long at = from;
            for (Map.Entry<Long, Integer> e : steps.entrySet()) {
                addTime(out, len, e.getKey() - at);
                at = e.getKey();
                len += e.getValue();
            }
            addTime(out, len, to - at);
            long[] a = new long[out.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = out.get(i);
            }
            return a;
        }

        private static void addTime(List<Long> out, int len, long t) {
            while (out.size() <= len) {
                out.add(0L);
            }
            out.set(len, out.get(len) + t);
        }
    }
}
