package org.xenwb.cli.engine;

import java.io.PrintWriter;
import java.util.Locale;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.VcpuMetrics;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.Vcpu;

/** Prints the metrics of a run. */
final class Report {

    private Report() {
    }

    static void print(Engine e, long durationNs, double wallSeconds, PrintWriter out) {
        out.printf(Locale.ROOT, "simulated %.3f s on %d pCPUs (%s), %d events, %d decisions, %.2f s wall, "
                + "%.1f M events/s%n", durationNs / 1e9, e.hostTopology().nrCpus(),
                e.pool(0).scheduler().kind().xlName(), e.eventCount(), e.decisionCount(), wallSeconds,
                e.eventCount() / Math.max(wallSeconds, 1e-9) / 1e6);
        out.printf(Locale.ROOT, "%-20s %5s %4s %10s %10s %10s %10s %6s %9s %9s %9s%n", "domain", "id", "vcpu",
                "running_s", "runnable_s", "blocked_s", "offline_s", "migr", "lat_p50us", "lat_p99us", "dl_miss");
        long total = 0;
        long weights = 0;
        for (Domain d : e.domains()) {
            total += d.cpuTime(e.now());
            weights += (long) d.weight * d.vcpus().size();
            for (Vcpu v : d.vcpus()) {
                VcpuMetrics m = e.metrics(v);
                out.printf(Locale.ROOT, "%-20s %5d %4d %10.3f %10.3f %10.3f %10.3f %6d %9s %9s %9s%n", d.name(),
                        d.id(), v.id(), m.running() / 1e9, m.runnable() / 1e9, m.blocked() / 1e9,
                        m.offline() / 1e9, m.migrations(), us(m.wakeLatencyP50()), us(m.wakeLatencyP99()),
                        m.jobs() == 0 ? "-" : m.deadlineMisses() + "/" + m.jobs());
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-20s %5s %8s %10s %9s%n", "domain", "weight", "cap", "cpu_share", "w_share");
        for (Domain d : e.domains()) {
            double share = total == 0 ? 0 : (double) d.cpuTime(e.now()) / total;
            double wshare = weights == 0 ? 0 : (double) d.weight * d.vcpus().size() / weights;
            out.printf(Locale.ROOT, "%-20s %5d %8d %9.1f%% %8.1f%%%n", d.name(), d.weight, d.cap, 100 * share,
                    100 * wshare);
        }
    }

    private static String us(long ns) {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ns / 1000.0);
    }
}
