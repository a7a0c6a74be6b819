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

    /**
     * The same as {@link #record(int, int, int, int...)} for a payload of at most four words, without an array (the
     * hot path when tracing).
     *
     * @param cpu the pCPU the record is written on
     * @param schedulerClass Xen's {@code TRC_SCHED_CLASS} id
     * @param event the scheduler's event number
     * @param n the number of payload words, 0..4; the words after the n-th are ignored
     * @param a payload word 0
     * @param b payload word 1
     * @param c payload word 2
     * @param d payload word 3
     */
    default void recordWords(int cpu, int schedulerClass, int event, int n, int a, int b, int c, int d) {
        recordWords(cpu, schedulerClass, event, n, a, b, c, d, 0, 0, 0);
    }

    /**
     * The same as {@link #record(int, int, int, int...)} for a payload of at most seven words, without an array.
     *
     * @param cpu the pCPU the record is written on
     * @param schedulerClass Xen's {@code TRC_SCHED_CLASS} id
     * @param event the scheduler's event number
     * @param n the number of payload words, 0..7; the words after the n-th are ignored
     * @param a payload word 0
     * @param b payload word 1
     * @param c payload word 2
     * @param d payload word 3
     * @param e payload word 4
     * @param f payload word 5
     * @param g payload word 6
     */
    default void recordWords(int cpu, int schedulerClass, int event, int n, int a, int b, int c, int d, int e, int f,
            int g) {
        record(cpu, schedulerClass, event, java.util.Arrays.copyOf(new int[] {a, b, c, d, e, f, g}, n));
    }
}
