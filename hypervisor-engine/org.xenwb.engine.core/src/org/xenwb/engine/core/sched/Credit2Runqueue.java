package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.List;

import org.xenwb.engine.core.model.CpuMask;
import org.xenwb.engine.core.model.CpuSet;

/** A credit2 run queue ({@code struct csched2_runqueue_data}). Simulation thread only. */
final class Credit2Runqueue {
    final int id;
    CpuSet active = CpuSet.empty();
    final List<Credit2Unit> runq = new ArrayList<>();
    final List<Credit2Unit> svc = new ArrayList<>();
    final CpuMask idle;
    final CpuMask tickled;
    /** {@code rqd->smt_idle}: pCPUs of cores whose threads in this run queue are all idle and untickled. */
    final CpuMask smtIdle;
    /** {@code rqd->pick_bias}: the pCPU last picked in this run queue; cycling starts after it. */
    int pickBias;
    /** {@code rqd->load}: vCPUs on the run queue or scheduled on its pCPUs (the instantaneous load). */
    int load;
    /** {@code rqd->load_last_update}, in {@link Credit2LoadAverage#sampleTime} units. */
    long loadLastUpdate;
    /** {@code rqd->avgload}: the decaying average of {@link #load}, fixed point. */
    long avgload;
    /** {@code rqd->b_avgload}: as {@link #avgload}, but moved by vCPUs' averages when they join or leave. */
    long bAvgload;
    /** Highest weight among {@link #svc} ({@code rqd->max_weight}); kept up to date by {@link #updateMax}. */
    int maxWeight = 1;

    Credit2Runqueue(int id, int nrCpus) {
        this.id = id;
        this.idle = new CpuMask(nrCpus);
        this.tickled = new CpuMask(nrCpus);
        this.smtIdle = new CpuMask(nrCpus);
    }

    int maxWeight() {
        return maxWeight;
    }

    void updateMax() {
        int m = 1;
        for (Credit2Unit u : svc) {
            m = Math.max(m, u.weight());
        }
        maxWeight = m;
    }
}
