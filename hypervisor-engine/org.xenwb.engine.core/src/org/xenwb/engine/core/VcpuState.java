package org.xenwb.engine.core;

import java.util.Arrays;

import org.xenwb.engine.core.sim.Event;
import org.xenwb.engine.core.workload.Workload;

/** Engine-private per-vCPU state: workload progress and metrics. Simulation thread only. */
final class VcpuState {
    final Workload workload;
    long remaining;
    long runStart;
    Event burstEnd;
    Event wakeEvent;
    long wakeTime = -1;
    long[] latencies = new long[64];
    int nLatencies;

    VcpuState(Workload workload) {
        this.workload = workload;
    }

    void addLatency(long ns) {
        if (nLatencies == latencies.length) {
            latencies = Arrays.copyOf(latencies, nLatencies * 2);
        }
        latencies[nLatencies++] = ns;
    }

    long percentile(double p) {
        if (nLatencies == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(latencies, nLatencies);
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * nLatencies) - 1;
        return sorted[Math.max(0, Math.min(nLatencies - 1, idx))];
    }
}
