package org.xenwb.engine.core;

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
    final LatencyHistogram latencies = new LatencyHistogram();

    VcpuState(Workload workload) {
        this.workload = workload;
    }
}
