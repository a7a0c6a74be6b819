package org.xenwb.engine.core.sched;

import org.xenwb.engine.core.model.Vcpu;

/**
 * The result of {@link Scheduler#doSchedule}: what runs next and for how long. A scheduler may reuse one instance.
 */
public final class ScheduleDecision {
    /** The vCPU to run next (the pCPU's idle vCPU to idle). */
    public Vcpu next;
    /** How long before the scheduler wants to be called again, ns; -1 for "not until something happens". */
    public long slice;

    /**
     * @param v next vCPU
     * @param sliceNs slice, ns, or -1
     * @return this
     */
    public ScheduleDecision set(Vcpu v, long sliceNs) {
        this.next = v;
        this.slice = sliceNs;
        return this;
    }
}
