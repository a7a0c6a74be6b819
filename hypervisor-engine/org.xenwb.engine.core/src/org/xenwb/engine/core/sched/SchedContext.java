package org.xenwb.engine.core.sched;

import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.Vcpu;

/**
 * What the engine's scheduling core offers a scheduler (the role of Xen's {@code sched/core.c} helpers).
 * Called only on the simulation thread.
 */
public interface SchedContext {

    /** @return current simulated time, ns */
    long now();

    /** @return the host */
    HostTopology host();

    /**
     * @param cpu a pCPU
     * @return the vCPU currently running there (the idle vCPU when idle)
     */
    Vcpu curr(int cpu);

    /**
     * The same as {@code curr(cpu).isIdle()}, without loading the running vCPU (cheap in scans over many pCPUs).
     *
     * @param cpu a pCPU
     * @return whether the pCPU runs its idle vCPU
     */
    boolean currIsIdle(int cpu);

    /**
     * The same as {@code curr(cpu).stateEntryTime}, without loading the running vCPU (cheap in scans over many
     * pCPUs).
     *
     * @param cpu a pCPU
     * @return when the vCPU running there entered RUNNING, ns
     */
    long currRunningSince(int cpu);

    /**
     * @param cpu a pCPU
     * @return that pCPU's idle vCPU
     */
    Vcpu idleVcpu(int cpu);

    /**
     * Raises the schedule softirq on a pCPU (Xen's {@code cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ)}): the pCPU
     * will call {@link Scheduler#doSchedule} at the current time, after the current event.
     *
     * @param cpu the pCPU
     */
    void tickle(int cpu);

    /**
     * @param action called with the current time when the timer fires
     * @return a new, stopped timer
     */
    Timer newTimer(java.util.function.LongConsumer action);

    /**
     * Parks or unparks a vCPU for lack of cap budget the way credit does, by pausing it ({@code
     * sched_unit_pause_nosync} / {@code sched_unit_unpause}): a parked vCPU is not runnable; parking writes a SLEEP
     * record and takes a queued vCPU to OFFLINE (a running one is descheduled: its pCPU is tickled), unparking writes a
     * WAKE record and makes it RUNNABLE again, with {@link Scheduler#sleep}/{@link Scheduler#wake} as for a pause.
     *
     * @param v the vCPU
     * @param parked the new state
     */
    void parkByPause(Vcpu v, boolean parked);

    /**
     * Sets or clears a vCPU's {@code _VPF_parked} flag alone, the way credit2 parks for lack of cap budget: no
     * record, no runstate change, no scheduler call (the scheduler takes the vCPU off its run queue and puts it back
     * itself). A vCPU parked while queued stays RUNNABLE; one parked while running goes OFFLINE when it is
     * descheduled and, once unparked and queued again, runs straight from OFFLINE, as in Xen.
     *
     * @param v the vCPU
     * @param parked the new state
     */
    void setParkedFlag(Vcpu v, boolean parked);

    /** @return the sink for scheduler-specific trace records (never null; a no-op when tracing is off) */
    SchedTrace trace();

    /** A one-shot timer that can be re-armed. */
    interface Timer {
        /**
         * Arms (or re-arms) the timer.
         *
         * @param when absolute time, ns; clamped to now when in the past
         */
        void set(long when);

        /** Disarms the timer. */
        void stop();

        /** @return whether armed */
        boolean active();
    }
}
