package org.xenwb.trace.core.stats;

import java.io.PrintWriter;
import java.util.Locale;

import org.xenwb.trace.core.state.Runstate;

/**
 * Prints {@link SchedStats} as a plain-text report: times in seconds (6 decimals) and latencies in microseconds
 * (3 decimals), converted from TSC cycles with the given frequency. Stateless, thread-safe.
 */
public final class StatsReport {

    private StatsReport() {
    }

    /**
     * Prints the report.
     *
     * @param stats the statistics
     * @param queues the run queues of the same trace (per credit2 runqueue and pCPU), or null to print only the
     *        host's
     * @param firstTsc the trace's first TSC (times are printed relative to it), cycles
     * @param cpuHz TSC frequency, Hz, &gt; 0
     * @param out where to print
     */
    public static void print(SchedStats stats, RunQueues queues, long firstTsc, long cpuHz, PrintWriter out) {
        double hz = cpuHz;
        out.printf(Locale.ROOT, "Range: %.6f s to %.6f s (%d cycles at %d Hz)%n", (stats.from() - firstTsc) / hz,
                (stats.to() - firstTsc) / hz, stats.to() - stats.from(), cpuHz);
        out.println();
        // a domain's times are its vCPUs' summed (a 2-vCPU domain has 2 s of states per second)
        out.println("Domains (vCPU-seconds)    running   runnable    blocked    offline       lost   runs  migr");
        for (SchedStats.DomainStats d : stats.domains()) {
            row(out, "d" + d.domain(), d.time(), d.runs(), d.migrations(), hz);
        }
        out.println();
        out.println("vCPUs (seconds)           running   runnable    blocked    offline       lost   runs  migr");
        for (SchedStats.VcpuStats v : stats.vcpus()) {
            row(out, v.id().toString(), v.time(), v.runs(), v.migrations(), hz);
        }
        out.println();
        out.println("Wake-to-run latency (us)    count        min        p50        p90        p99        max"
                + "       mean");
        for (SchedStats.DomainStats d : stats.domains()) {
            if (d.domain() != Runstate.IDLE_DOMAIN) {
                latency(out, "d" + d.domain(), d.wakeLatency(), hz);
            }
        }
        latency(out, "all", stats.wakeLatency(), hz);
        out.println();
        out.println("Run queue (runnable vCPUs of real domains): seconds at each length");
        queue(out, "host", stats.hostRunQueue(), hz);
        if (queues != null) {
            long a = stats.from();
            long b = stats.to();
            queue(out, "unq", queues.unqueued().timeAtLength(a, b), hz);
            for (java.util.Map.Entry<Integer, QueueLength> e : queues.byRunqueue().entrySet()) {
                queue(out, e.getKey() < 0 ? "rq?" : "rq" + e.getKey(), e.getValue().timeAtLength(a, b), hz);
            }
            for (java.util.Map.Entry<Integer, QueueLength> e : queues.byPcpu().entrySet()) {
                queue(out, "p" + e.getKey(), e.getValue().timeAtLength(a, b), hz);
            }
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, long[] t, int runs, int migrations, double hz) {
        out.printf(Locale.ROOT, "  %-20s %10.6f %10.6f %10.6f %10.6f %10.6f %6d %5d%n", name, t[Runstate.RUNNING] / hz,
                t[Runstate.RUNNABLE] / hz, t[Runstate.BLOCKED] / hz, t[Runstate.OFFLINE] / hz, t[Runstate.LOST] / hz,
                runs, migrations);
    }

    private static void latency(PrintWriter out, String name, Distribution d, double hz) {
        double us = hz / 1e6;
        out.printf(Locale.ROOT, "  %-20s %10d %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f%n", name, d.count(),
                d.min() / us, d.percentile(50) / us, d.percentile(90) / us, d.percentile(99) / us, d.max() / us,
                d.mean() / us);
    }

    private static void queue(PrintWriter out, String name, long[] timeAt, double hz) {
        long total = 0;
        long weighted = 0;
        int max = 0;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < timeAt.length; k++) {
            total += timeAt[k];
            weighted += k * timeAt[k];
            max = timeAt[k] > 0 ? k : max;
            sb.append(String.format(Locale.ROOT, " %d:%.6f", k, timeAt[k] / hz));
        }
        out.printf(Locale.ROOT, "  %-6s mean %.3f max %d |%s%n", name, total == 0 ? 0.0 : (double) weighted / total,
                max, sb);
    }
}
