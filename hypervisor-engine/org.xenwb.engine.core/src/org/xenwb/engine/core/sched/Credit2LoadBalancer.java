package org.xenwb.engine.core.sched;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * credit2's load tracking and load balancing, after Xen 4.17's {@code sched/credit2.c}: {@code update_runq_load},
 * {@code update_svc_load} and {@code update_load} with their trace records, and {@code balance_load} with
 * {@code consider()}. The arithmetic is {@link Credit2LoadAverage}'s; moving a vCPU is the scheduler's
 * ({@link Mover}, Xen's {@code migrate()}).
 *
 * <p>One instance per {@link Credit2Scheduler}; simulation thread only.</p>
 */
final class Credit2LoadBalancer {

    /** Moves a vCPU to another run queue (Xen's {@code migrate()}). */
    interface Mover {
        /**
         * @param u the vCPU
         * @param to its new run queue
         * @param now current time, ns
         */
        void migrate(Credit2Unit u, Credit2Runqueue to, long now);
    }

    static final int TRC_UPDATE_LOAD = 9;
    static final int TRC_UPDATE_UNIT_LOAD = 11;
    static final int TRC_UPDATE_RUNQ_LOAD = 12;
    static final int TRC_LOAD_CHECK = 16;
    static final int TRC_LOAD_BALANCE = 17;

    private final SchedContext ctx;
    /** {@code prv->load_precision_shift}: P. */
    int precisionShift = Credit2LoadAverage.DEFAULT_PRECISION_SHIFT;
    /** {@code prv->load_window_shift}: W, in sample-time bits. */
    int windowShift = Credit2LoadAverage.DEFAULT_WINDOW_SHIFT - Credit2LoadAverage.GRANULARITY_SHIFT;
    int underTolerance = Credit2LoadAverage.DEFAULT_UNDERLOAD_TOLERANCE;
    int overTolerance = Credit2LoadAverage.DEFAULT_OVERLOAD_TOLERANCE;
    /** How many times balancing went past the tolerance test (LOAD_BALANCE records). */
    long balances;
    /** How many vCPUs balancing chose to move. */
    long moves;

    private long bestDelta;
    private Credit2Unit bestPush;
    private Credit2Unit bestPull;
    /** {@link #balance}'s scratch: whether each vCPU of the other run queue may move to the local one. */
    private boolean[] pullable = new boolean[16];

    Credit2LoadBalancer(SchedContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Applies the boot options as Xen's {@code csched2_global_init} and {@code csched2_init} do: a precision shift
     * below {@link Credit2LoadAverage#MIN_PRECISION_SHIFT} is raised to it, a window shift not above
     * {@link Credit2LoadAverage#GRANULARITY_SHIFT} falls back to the default.
     *
     * @param precision {@code credit2_load_precision_shift}
     * @param window {@code credit2_load_window_shift}, ns bits
     */
    void setShifts(int precision, int window) {
        int p = Math.max(precision, Credit2LoadAverage.MIN_PRECISION_SHIFT);
        int w = window <= Credit2LoadAverage.GRANULARITY_SHIFT ? Credit2LoadAverage.DEFAULT_WINDOW_SHIFT : window;
        if (p > 40 || w > 50) {
            throw new IllegalArgumentException("load shifts too large for 64-bit averages: precision " + precision
                    + ", window " + window);
        }
        precisionShift = p;
        windowShift = w - Credit2LoadAverage.GRANULARITY_SHIFT;
    }

    /**
     * @param under {@code credit2_balance_under}
     * @param over {@code credit2_balance_over}
     */
    void setTolerances(int under, int over) {
        if (precisionShift + under < 0 || precisionShift + under > 62 || precisionShift + over < 0
                || precisionShift + over > 62) {
            throw new IllegalArgumentException("balance tolerances out of range: under " + under + ", over " + over);
        }
        underTolerance = under;
        overTolerance = over;
    }

    /**
     * {@code update_runq_load}: folds the load in effect since the last update into both averages, then applies
     * {@code change} to the instantaneous load.
     *
     * @param cpu the pCPU whose trace buffer gets the record
     * @param r the run queue
     * @param change -1, 0 or 1
     * @param now current time, ns
     */
    void updateRunqLoad(int cpu, Credit2Runqueue r, int change, long now) {
        long t = Credit2LoadAverage.sampleTime(now);
        r.avgload = Credit2LoadAverage.next(r.avgload, r.load, r.loadLastUpdate, t, precisionShift, windowShift);
        r.bAvgload = Credit2LoadAverage.next(r.bAvgload, r.load, r.loadLastUpdate, t, precisionShift, windowShift);
        r.load += change;
        r.loadLastUpdate = t;
        SchedTrace tr = ctx.trace();
        if (tr.enabled()) {
            // struct { uint64_t rq_avgload, b_avgload; unsigned rq_load:16, rq_id:8, shift:8; }: 24 bytes with
            // the padding of the 64-bit alignment
            tr.recordWords(cpu, 1, TRC_UPDATE_RUNQ_LOAD, 6, (int) r.avgload, (int) (r.avgload >>> 32),
                    (int) r.bAvgload, (int) (r.bAvgload >>> 32),
                    (r.load & 0xffff) | (r.id & 0xff) << 16 | (precisionShift & 0xff) << 24, 0, 0);
        }
    }

    /**
     * {@code update_svc_load}: a vCPU's average, where the load in effect since the last update is 1 when it is
     * leaving the run queue ({@code change == -1}), 0 when joining it ({@code 1}), else whether it is runnable.
     *
     * @param cpu the pCPU whose trace buffer gets the record
     * @param u the vCPU
     * @param change -1, 0 or 1
     * @param runnable whether it is runnable ({@code unit_runnable}), used when {@code change == 0}
     * @param now current time, ns
     */
    void updateSvcLoad(int cpu, Credit2Unit u, int change, boolean runnable, long now) {
        long load = change == -1 ? 1 : change == 1 ? 0 : runnable ? 1 : 0;
        long t = Credit2LoadAverage.sampleTime(now);
        u.avgload = Credit2LoadAverage.next(u.avgload, load, u.loadLastUpdate, t, precisionShift, windowShift);
        u.loadLastUpdate = t;
        SchedTrace tr = ctx.trace();
        if (tr.enabled()) {
            // struct { uint64_t v_avgload; unsigned unit:16, dom:16; unsigned shift; }
            tr.recordWords(cpu, 1, TRC_UPDATE_UNIT_LOAD, 4, (int) u.avgload, (int) (u.avgload >>> 32),
                    unitDom(u), precisionShift);
        }
    }

    /**
     * {@code update_load}: an UPDATE_LOAD record, the run queue's update and, when {@code u} is not null, the vCPU's.
     *
     * @param cpu the pCPU whose trace buffer gets the records
     * @param r the run queue
     * @param u the vCPU, or null
     * @param change -1, 0 or 1
     * @param runnable whether {@code u} is runnable (used when {@code change == 0})
     * @param now current time, ns
     */
    void updateLoad(int cpu, Credit2Runqueue r, Credit2Unit u, int change, boolean runnable, long now) {
        SchedTrace tr = ctx.trace();
        if (tr.enabled()) {
            tr.recordWords(cpu, 1, TRC_UPDATE_LOAD, 0, 0, 0, 0, 0);
        }
        updateRunqLoad(cpu, r, change, now);
        if (u != null) {
            updateSvcLoad(cpu, u, change, runnable, now);
        }
    }

    /** {@code _runq_assign}'s bookkeeping: the run queue expects the vCPU's load. */
    static void joined(Credit2Runqueue r, Credit2Unit u) {
        r.bAvgload += u.avgload;
    }

    /** {@code _runq_deassign}'s bookkeeping: the run queue no longer expects the vCPU's load. */
    static void left(Credit2Runqueue r, Credit2Unit u) {
        r.bAvgload = Math.max(r.bAvgload - u.avgload, 0);
    }

    /**
     * {@code balance_load}, called by pCPU {@code cpu} right after a credit reset of its run queue: finds the run
     * queue whose {@code b_avgload} differs most from the local one; if the difference passes the tolerance test,
     * looks for the push (local to other), pull (other to local) or swap that leaves the smallest difference, smaller
     * than the current one, and moves those vCPUs.
     *
     * <p>As in Xen 4.17, the tolerance test and the LOAD_CHECK record use the last run queue of the list as the
     * "other" one (the loop variable left there), not necessarily the one with the largest difference; and the
     * vCPUs of the other run queue get their averages updated only while the first movable local vCPU is examined.
     * </p>
     *
     * @param cpu the balancing pCPU
     * @param rqs all run queues, in id order
     * @param local the balancing pCPU's run queue
     * @param migrateable Xen's {@code unit_is_migrateable(svc, rqd)}
     * @param runnable {@code unit_runnable}, for the vCPUs' load updates
     * @param mover moves the chosen vCPUs
     * @param now current time, ns
     */
    void balance(int cpu, List<Credit2Runqueue> rqs, Credit2Runqueue local,
            BiPredicate<Credit2Unit, Credit2Runqueue> migrateable, java.util.function.Predicate<Credit2Unit> runnable,
            Mover mover, long now) {
        updateRunqLoad(cpu, local, 0, now);
        Credit2Runqueue maxDeltaRqd = null;
        Credit2Runqueue other = null;
        long loadDelta = 0;
        for (Credit2Runqueue r : rqs) {
            other = r;
            if (r == local) {
                continue;
            }
            updateRunqLoad(cpu, r, 0, now);
            long delta = Math.abs(local.bAvgload - r.bAvgload);
            if (delta > loadDelta) {
                loadDelta = delta;
                maxDeltaRqd = r;
            }
        }
        if (maxDeltaRqd == null) {
            return;
        }
        long loadMax = Math.max(local.bAvgload, other.bAvgload);
        int cpusMax = Math.max(local.active.size(), other.active.size());
        SchedTrace tr = ctx.trace();
        if (tr.enabled()) {
            tr.recordWords(cpu, 1, TRC_LOAD_CHECK, 2, (local.id & 0xffff) | other.id << 16, (int) loadDelta, 0, 0);
        }
        if (!Credit2LoadAverage.worthBalancing(loadDelta, loadMax, cpusMax, precisionShift, underTolerance,
                overTolerance)) {
            return;
        }
        other = maxDeltaRqd;
        balances++;
        if (tr.enabled()) {
            // struct { uint64_t lb_avgload, ob_avgload; unsigned lrq_id:16, orq_id:16; }: 24 bytes with padding
            tr.recordWords(cpu, 1, TRC_LOAD_BALANCE, 6, (int) local.bAvgload, (int) (local.bAvgload >>> 32),
                    (int) other.bAvgload, (int) (other.bAvgload >>> 32), (local.id & 0xffff) | other.id << 16, 0, 0);
        }
        bestDelta = loadDelta;
        bestPush = null;
        bestPull = null;
        // which of the other run queue's vCPUs may come here does not change while looking
        List<Credit2Unit> pulls = other.svc;
        int nPulls = pulls.size();
        if (pullable.length < nPulls) {
            pullable = new boolean[Math.max(nPulls, 2 * pullable.length)];
        }
        for (int i = 0; i < nPulls; i++) {
            pullable[i] = migrateable.test(pulls.get(i), local);
        }
        boolean innerUpdated = false;
        for (Credit2Unit push : local.svc) {
            updateSvcLoad(cpu, push, 0, runnable.test(push), now);
            if (!migrateable.test(push, other)) {
                continue;
            }
            for (int i = 0; i < nPulls; i++) {
                Credit2Unit pull = pulls.get(i);
                if (!innerUpdated) {
                    updateSvcLoad(cpu, pull, 0, runnable.test(pull), now);
                }
                if (pullable[i]) {
                    consider(local, other, push, pull);
                }
            }
            innerUpdated = true;
            consider(local, other, push, null);
        }
        for (int i = 0; i < nPulls; i++) {
            if (pullable[i]) {
                consider(local, other, null, pulls.get(i));
            }
        }
        Credit2Unit push = bestPush;
        Credit2Unit pull = bestPull;
        bestPush = null;
        bestPull = null;
        if (push != null) {
            moves++;
            mover.migrate(push, other, now);
        }
        if (pull != null) {
            moves++;
            mover.migrate(pull, local, now);
        }
    }

    private void consider(Credit2Runqueue local, Credit2Runqueue other, Credit2Unit push, Credit2Unit pull) {
        long delta = Credit2LoadAverage.imbalanceAfter(local.bAvgload, other.bAvgload,
                push == null ? 0 : push.avgload, pull == null ? 0 : pull.avgload);
        if (delta < bestDelta) {
            bestDelta = delta;
            bestPush = push;
            bestPull = pull;
        }
    }

    static int unitDom(Credit2Unit u) {
        return (u.v.id() & 0xffff) | (u.v.domain().id() << 16);
    }
}
