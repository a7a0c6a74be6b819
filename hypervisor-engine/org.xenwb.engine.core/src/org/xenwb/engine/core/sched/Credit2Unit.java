package org.xenwb.engine.core.sched;

import org.xenwb.engine.core.model.Vcpu;

/** Credit2's per-vCPU state ({@code struct csched2_unit}). Simulation thread only. */
final class Credit2Unit {
    final Vcpu v;
    final Credit2Dom dom;
    long credit = Credit2Scheduler.CREDIT_INIT;
    long startTime;
    /** {@code svc->residual}: the remainder of the last credit burn's division by the weight, carried forward. */
    int residual;
    Credit2Runqueue rqd;
    boolean onRunq;
    int tickledCpu = -1;
    long budget = Long.MAX_VALUE;
    long budgetQuota;
    /** {@code svc->avgload}: this vCPU's decaying load (fraction of time runnable), fixed point. */
    long avgload;
    /** {@code svc->load_last_update}, in {@link Credit2LoadAverage#sampleTime} units. */
    long loadLastUpdate;
    /** Whether this vCPU is counted in {@code rqd.load} (on the run queue, or scheduled until its context is saved). */
    boolean inLoad;
    /** {@code CSFLAG_scheduled}: chosen by a pCPU and its context not yet saved. */
    boolean scheduled;
    /**
     * {@code svc->migrate_rqd} with {@code CSFLAG_runq_migrate_request} and {@code _VPF_migrating}: balancing asked
     * this scheduled vCPU to move there; it is not runnable until its context is saved and it moved. Null if none.
     */
    Credit2Runqueue migrateRqd;

    Credit2Unit(Vcpu v, Credit2Dom dom) {
        this.v = v;
        this.dom = dom;
    }

    int weight() {
        return dom.d.weight;
    }
}
