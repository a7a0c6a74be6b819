package org.xenwb.engine.core.sched;

/**
 * Scheduler-specific trace records ({@code TRC_SCHED_CLASS} events). The engine implements it on top of the
 * shared xentrace record layout; schedulers only say what happened. Event numbers are the per-scheduler event
 * numbers of Xen (e.g. credit2's {@code TRC_CSCHED2_CREDIT_RESET} is 7).
 */
public interface SchedTrace {

    /** A sink that drops everything. */
    SchedTrace NONE = new SchedTrace() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void record(int cpu, int schedulerClass, int event, int... payload) {
        }
    };

    /** @return whether records are wanted (schedulers skip building payloads when false) */
    boolean enabled();

    /**
     * @param cpu the pCPU the record is written on
     * @param schedulerClass Xen's {@code TRC_SCHED_CLASS} id (credit 0, credit2 1, arinc653 3, rtds 4, null 5)
     * @param event the scheduler's event number
     * @param payload 32-bit payload words
     */
    void record(int cpu, int schedulerClass, int event, int... payload);
}
