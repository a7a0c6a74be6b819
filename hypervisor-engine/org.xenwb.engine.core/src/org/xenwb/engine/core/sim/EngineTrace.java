package org.xenwb.engine.core.sim;

import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.RunState;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sched.SchedTrace;

/**
 * What the engine reports to a tracer, in engine terms; an implementation encodes it as xentrace records. All
 * times are simulated ns; called on the simulation thread in time order.
 */
public interface EngineTrace extends SchedTrace {

    /** A tracer that records nothing. */
    EngineTrace NONE = new EngineTrace() {
    };

    @Override
    default boolean enabled() {
        return false;
    }

    @Override
    default void record(int cpu, int schedulerClass, int event, int... payload) {
    }

    /**
     * Called once by the engine before any record: the tracer reads the current simulated time (ns) from it.
     *
     * @param clock the engine's clock
     * @param host the simulated host (for the TSC rate)
     */
    default void bind(java.util.function.LongSupplier clock, org.xenwb.engine.core.model.HostTopology host) {
    }

    /**
     * @param cpu the pCPU where the change is recorded
     * @param v the vCPU
     * @param from old runstate
     * @param to new runstate
     */
    default void runstateChange(int cpu, Vcpu v, RunState from, RunState to) {
    }

    /**
     * A context switch.
     *
     * @param cpu the pCPU
     * @param prev switched out
     * @param prevRanNs how long prev ran
     * @param next switched in
     * @param nextWaitedNs how long next waited since its last runstate change
     * @param sliceNs next's slice, or -1
     */
    default void contextSwitch(int cpu, Vcpu prev, long prevRanNs, Vcpu next, long nextWaitedNs, long sliceNs) {
    }

    /**
     * A context switch and the two runstate changes that follow it: the records of {@link #contextSwitch}, then
     * {@link #runstateChange} of prev (from its current runstate, normally RUNNING) and of next (to RUNNING), each
     * only if it changes anything. Called before the engine changes either runstate.
     *
     * @param cpu the pCPU
     * @param prev switched out
     * @param prevRanNs how long prev ran
     * @param prevTo prev's new runstate
     * @param next switched in
     * @param nextWaitedNs how long next waited since its last runstate change
     * @param sliceNs next's slice, or -1
     */
    default void switchWithRunstates(int cpu, Vcpu prev, long prevRanNs, RunState prevTo, Vcpu next,
            long nextWaitedNs, long sliceNs) {
        RunState prevFrom = prev.runstate;
        RunState nextFrom = next.runstate;
        contextSwitch(cpu, prev, prevRanNs, next, nextWaitedNs, sliceNs);
        if (prevFrom != prevTo) {
            runstateChange(cpu, prev, prevFrom, prevTo);
        }
        if (nextFrom != RunState.RUNNING) {
            runstateChange(cpu, next, nextFrom, RunState.RUNNING);
        }
    }

    /**
     * The scheduler kept the same vCPU.
     *
     * @param cpu the pCPU
     * @param v the vCPU
     * @param sliceNs new slice, or -1
     */
    default void continueRunning(int cpu, Vcpu v, long sliceNs) {
    }

    /**
     * @param cpu the pCPU
     * @param v a vCPU woken up
     */
    default void wake(int cpu, Vcpu v) {
    }

    /**
     * Xen's {@code vcpu_sleep_nosync} record (TRC_SCHED_SLEEP): a vCPU is being taken off its pCPU (pause).
     *
     * @param cpu the pCPU
     * @param v the vCPU
     */
    default void sleep(int cpu, Vcpu v) {
    }

    /**
     * @param cpu the pCPU
     * @param v a vCPU that blocked
     */
    default void block(int cpu, Vcpu v) {
    }

    /**
     * @param cpu the pCPU
     * @param d a domain created
     */
    default void domainCreated(int cpu, Domain d) {
    }

    /**
     * @param cpu the pCPU
     * @param d a domain destroyed
     */
    default void domainDestroyed(int cpu, Domain d) {
    }

    /** Flushes and closes the output. */
    default void close() {
    }
}
