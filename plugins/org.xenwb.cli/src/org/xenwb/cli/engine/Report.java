package org.xenwb.cli.engine;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.VcpuMetrics;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;

/**
 * Prints the metrics of a run: per vCPU, its runstate times, migrations, wake-to-run latency and periodic deadlines;
 * per domain, its part of its cpupool's CPU time next to its part of the pool's weight. The columns are explained in
 * {@code xenwb engine run --help}.
 */
final class Report {

    private Report() {
    }

    /**
     * Prints the run's header line, a line per vCPU and a line per domain.
     *
     * @param e the engine after the run
     * @param durationNs the simulated time the run covered
     * @param wallSeconds the wall time it took
     * @param out where to print
     */
    static void print(Engine e, long durationNs, double wallSeconds, PrintWriter out) {
        out.printf(Locale.ROOT, "simulated %.3f s on %d pCPUs (%s), %d events, %d decisions, %.2f s wall, %s%n",
                durationNs / 1e9, e.hostTopology().nrCpus(), e.pool(0).scheduler().kind().xlName(), e.eventCount(),
                e.decisionCount(), wallSeconds, rate(e.eventCount() / Math.max(wallSeconds, 1e-9)));
        out.printf(Locale.ROOT, "%-20s %5s %4s %10s %10s %10s %10s %6s %9s %9s %9s%n", "domain", "id", "vcpu",
                "running_s", "runnable_s", "blocked_s", "offline_s", "migr", "lat_p50us", "lat_p99us", "dl_miss");
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                VcpuMetrics m = e.metrics(v);
                out.printf(Locale.ROOT, "%-20s %5d %4d %10.3f %10.3f %10.3f %10.3f %6d %9s %9s %9s%n", d.name(),
                        d.id(), v.id(), m.running() / 1e9, m.runnable() / 1e9, m.blocked() / 1e9,
                        m.offline() / 1e9, m.migrations(), us(m.wakeLatencyP50()), us(m.wakeLatencyP99()),
                        m.jobs() == 0 ? "-" : m.deadlineMisses() + "/" + m.jobs());
            }
        }
        // shares within each cpupool: weights only compete among the domains of one scheduler instance
        Map<Integer, long[]> poolTotals = new HashMap<>(); // pool id -> {CPU time, weight x online vCPUs}
        for (Domain d : e.domains()) {
            long[] t = poolTotals.computeIfAbsent(d.poolId, k -> new long[2]);
            t[0] += d.cpuTime(e.now());
            t[1] += weightedVcpus(d);
        }
        out.println();
        out.printf(Locale.ROOT, "%-20s %-12s %6s %5s %10s %9s%n", "domain", "pool", "weight", "cap", "cpu_share",
                "w_share");
        for (Domain d : e.domains()) {
            long[] t = poolTotals.get(d.poolId);
            double share = t[0] == 0 ? 0 : (double) d.cpuTime(e.now()) / t[0];
            double wshare = t[1] == 0 ? 0 : (double) weightedVcpus(d) / t[1];
            SchedulerKind kind = e.pool(d.poolId).scheduler().kind();
            boolean weighted = kind == SchedulerKind.CREDIT || kind == SchedulerKind.CREDIT2;
            // RTDS, ARINC653 and null do not schedule by weight: their weight column would mislead
            out.printf(Locale.ROOT, "%-20s %-12s %6s %5s %9.1f%% %9s%n", d.name(), e.pool(d.poolId).name(),
                    weighted ? Integer.toString(d.weight) : "-", weighted ? Integer.toString(d.cap) : "-",
                    100 * share, weighted ? String.format(Locale.ROOT, "%.1f%%", 100 * wshare) : "-");
        }
    }

    private static long weightedVcpus(Domain d) {
        return (long) d.weight * d.onlineVcpus();
    }

    /** @return events per second with a unit that keeps short runs readable */
    static String rate(double perSecond) {
        return perSecond >= 1e5 ? String.format(Locale.ROOT, "%.1f M events/s", perSecond / 1e6)
                : String.format(Locale.ROOT, "%.0f events/s", perSecond);
    }

    private static String us(long ns) {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ns / 1000.0);
    }
}
