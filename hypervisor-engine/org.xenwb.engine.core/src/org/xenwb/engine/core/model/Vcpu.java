package org.xenwb.engine.core.model;

/**
 * A virtual CPU of a simulated domain (or the idle vCPU of a pCPU). The engine and the schedulers mutate it on
 * the simulation thread; readers on other threads must not touch a running engine. Times in ns.
 */
public final class Vcpu {

    private final Domain domain;
    private final int id;
    /** The pCPU the vCPU runs on or last ran on / is queued for ({@code v->processor}). */
    public int processor;
    /** Current runstate. */
    public RunState runstate = RunState.OFFLINE;
    /** Time of the last runstate change, ns. */
    public long stateEntryTime;
    /** Accumulated time per runstate, ns, indexed by {@link RunState#ordinal()}. */
    public final long[] runstateTime = new long[4];
    /** Set when the vCPU blocked waiting for an event (Xen's {@code _VPF_blocked}). */
    public boolean blocked;
    /** Set while the vCPU is offline (not brought up, or removed by vcpu-set). */
    public boolean down;
    /** Set while a scheduler keeps the vCPU from running for lack of cap budget ({@code _VPF_parked}). */
    public boolean parked;
    /** Whether the vCPU is currently on a pCPU. */
    public boolean isRunning;
    /** Hard affinity. */
    public CpuSet hardAffinity;
    /** Soft affinity. */
    public CpuSet softAffinity;
    /** Scheduler-private data (each scheduler stores its own per-vCPU record here). */
    public Object schedData;
    /** Engine-private data (workload state, metrics). */
    public Object engineData;
    /** The runstate before the first runstate change (for comparing with tools that start counting there). */
    public RunState firstChangeState;
    /** Time of the first runstate change, ns, or -1. */
    public long firstChangeTime = -1;
    /** {@link #runstateTime} when the vCPU first started running, or null before (trace tools start there). */
    public long[] timeBeforeFirstRun;
    /** Runs that started on another pCPU than the vCPU's previous run (as the trace viewer counts them). */
    public long migrations;
    /** The pCPU of the vCPU's last run, -1 before its first ({@link #processor} may have moved on since). */
    public int lastRanOn = -1;
    /** The affinities {@link #hasUsefulSoftAffinity()} last looked at (immutable sets: compared by identity). */
    private CpuSet memoSoft;
    private CpuSet memoHard;
    private boolean memoUseful;

    /**
     * @param domain the owner
     * @param id the vCPU id within the domain
     * @param processor the initial pCPU
     * @param all the host's CPUs, the initial affinities
     */
    public Vcpu(Domain domain, int id, int processor, CpuSet all) {
        this.domain = domain;
        this.id = id;
        this.processor = processor;
        this.hardAffinity = all;
        this.softAffinity = all;
    }

    /** @return the domain */
    public Domain domain() {
        return domain;
    }

    /** @return the vCPU id */
    public int id() {
        return id;
    }

    /** @return whether this is an idle vCPU */
    public boolean isIdle() {
        return domain.isIdle();
    }

    /**
     * Xen's {@code has_soft_affinity}: the soft affinity intersects the hard one and does not contain all of it.
     * Remembered until either affinity field is assigned another set.
     *
     * @return whether the soft affinity is useful for placement
     */
    public boolean hasUsefulSoftAffinity() {
        CpuSet soft = softAffinity;
        CpuSet hard = hardAffinity;
        if (soft != memoSoft || hard != memoHard) {
            memoUseful = soft.intersects(hard) && !soft.containsAll(hard);
            memoSoft = soft;
            memoHard = hard;
        }
        return memoUseful;
    }

    /** @return whether the vCPU may run: online, not blocked, not paused, not parked, domain active */
    public boolean runnable() {
        return !blocked && !down && !parked && domain.pauseCount() == 0 && domain.state() == DomainState.ACTIVE;
    }

    /**
     * Total time in a runstate up to {@code now}, including the current interval.
     *
     * @param s the runstate
     * @param now the current time, ns
     * @return ns
     */
    public long timeIn(RunState s, long now) {
        return runstateTime[s.ordinal()] + (runstate == s ? now - stateEntryTime : 0);
    }

    @Override
    public String toString() {
        return "d" + domain.id() + "v" + id;
    }
}
