package org.xenwb.engine.core;

import org.xenwb.engine.core.ops.AllowAllGateway;
import org.xenwb.engine.core.ops.OperationGateway;
import org.xenwb.engine.core.sim.EngineTrace;

/**
 * Options of an {@link Engine}, with defaults matching the real traces' host (dom0 with 2 vCPUs and 1024 MiB).
 * Mutable builder-style object; copy before sharing.
 */
public final class EngineOptions {
    /** The random seed. */
    public long seed = 1;
    /** Check invariants after every scheduling decision (slower). */
    public boolean debugChecks;
    /** dom0's vCPUs ({@code dom0_max_vcpus}); 0 = one per pCPU, like Xen's default. */
    public int dom0Vcpus = 2;
    /** dom0's memory, MiB ({@code dom0_mem}). */
    public long dom0MemMiB = 1024;
    /** dom0's workload spec. */
    public String dom0Workload = "idle";
    /** The tracer. */
    public EngineTrace trace = EngineTrace.NONE;
    /**
     * Patterns for {@code replay} workloads: a domain whose workload is {@code replay} (or {@code replay:D.V})
     * replays the pattern of the same domain id and vCPU (or of domain D vCPU V...) recorded in this history.
     */
    public org.xenwb.engine.core.trace.RunstateHistory replay;
    /** The operation gateway. */
    public OperationGateway gateway = new AllowAllGateway();
}
