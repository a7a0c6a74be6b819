package org.xenwb.engine.core.sched;

import org.xenwb.engine.core.model.Vcpu;

/** Credit2's per-vCPU state ({@code struct csched2_unit}). Simulation thread only. */
final class Credit2Unit {
    final Vcpu v;
    final Credit2Dom dom;
    long credit = Credit2Scheduler.CREDIT_INIT;
    long startTime;
    Credit2Runqueue rqd;
    boolean onRunq;
    int tickledCpu = -1;
    long budget = Long.MAX_VALUE;
    long budgetQuota;

    Credit2Unit(Vcpu v, Credit2Dom dom) {
        this.v = v;
        this.dom = dom;
    }

    int weight() {
        return dom.d.weight;
    }
}
