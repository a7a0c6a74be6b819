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

    /**
     * {@code runq_insert}'s placement: after every queued vCPU with at least as much credit ({@link #runq} is sorted
     * by decreasing credit, so a binary search finds the place).
     *
     * @param u a vCPU of this run queue that is not queued
     * @return its position, as RUNQ_POS records it
     */
    int insert(Credit2Unit u) {
        int i = firstBelow(u.credit);
        runq.add(i, u);
        u.onRunq = true;
        return i;
    }

    /**
     * Takes a queued vCPU off the run queue: a binary search to the vCPUs of its credit, then a scan among them.
     *
     * @param u a vCPU on {@link #runq}
     * @throws IllegalStateException if it is not there (a broken invariant)
     */
    void remove(Credit2Unit u) {
        int i = firstBelow(u.credit + 1);
        while (i < runq.size() && runq.get(i) != u) {
            i++;
        }
        if (i == runq.size()) {
            throw new IllegalStateException("credit2: " + u.v + " is not on run queue " + id);
        }
        runq.remove(i);
        u.onRunq = false;
    }

    /** @return the index of the first queued vCPU with less than {@code credit} */
    private int firstBelow(long credit) {
        List<Credit2Unit> q = runq;
        int lo = 0;
        int hi = q.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (q.get(mid).credit >= credit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@code smt_idle_mask_set}: when every thread of cpu's core is idle and untickled, the core joins
     * {@link #smtIdle}.
     *
     * @param cpu a pCPU of this run queue
     * @param threadsPerCore the host's threads per core (cores are consecutive pCPU numbers)
     */
    void smtIdleSet(int cpu, int threadsPerCore) {
        int t = threadsPerCore;
        if (t == 1) {
            if (idle.get(cpu) && !tickled.get(cpu)) {
                smtIdle.set(cpu);
            }
            return;
        }
        int first = cpu - cpu % t;
        for (int s = first; s < first + t; s++) {
            if (!idle.get(s) || tickled.get(s)) {
                return;
            }
        }
        for (int s = first; s < first + t; s++) {
            smtIdle.set(s);
        }
    }

    /**
     * {@code smt_idle_mask_clear}: cpu's core is no longer fully idle.
     *
     * @param cpu a pCPU of this run queue
     * @param threadsPerCore the host's threads per core
     */
    void smtIdleClear(int cpu, int threadsPerCore) {
        int t = threadsPerCore;
        if (t == 1) {
            smtIdle.clear(cpu);
            return;
        }
        int first = cpu - cpu % t;
        for (int s = first; s < first + t; s++) {
            smtIdle.clear(s);
        }
    }
}
