package org.xenwb.engine.core;

/**
 * Per-vCPU results of a run. Times in ns.
 *
 * @param domid domain id
 * @param vcpu vCPU id
 * @param running time running
 * @param runnable time runnable (waiting)
 * @param blocked time blocked
 * @param offline time offline (paused, parked, down)
 * @param migrations pCPU changes
 * @param wakeLatencyP50 median wake-to-run latency, or -1 without samples
 * @param wakeLatencyP99 99th percentile wake-to-run latency, or -1
 * @param wakeups number of latency samples
 * @param jobs completed periodic jobs
 * @param deadlineMisses periodic jobs that completed after their deadline
 */
public record VcpuMetrics(int domid, int vcpu, long running, long runnable, long blocked, long offline,
        long migrations, long wakeLatencyP50, long wakeLatencyP99, long wakeups, long jobs, long deadlineMisses) {
}
