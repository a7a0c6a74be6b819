package org.xenwb.engine.core.sched;

import static org.xenwb.engine.core.sched.Credit2Scheduler.CREDIT_INIT;
import static org.xenwb.engine.core.sched.Credit2Scheduler.MIGRATE_RESIST;
import static org.xenwb.engine.core.sched.Credit2Scheduler.RATELIMIT_TICKLE_TOLERANCE;
import static org.xenwb.engine.core.sched.Credit2Scheduler.TRC_TICKLE;
import static org.xenwb.engine.core.sched.Credit2Scheduler.TRC_TICKLE_CHECK;
import static org.xenwb.engine.core.sched.Credit2Scheduler.TRC_TICKLE_NEW;
import static org.xenwb.engine.core.sched.Credit2Scheduler.hasSoftAffinity;
import static org.xenwb.engine.core.sched.Credit2Scheduler.unitDom;

import org.xenwb.engine.core.model.CpuMask;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Vcpu;

/**
 * Credit2's {@code runq_tickle}, as in Xen 4.17: which pCPU a vCPU that becomes runnable makes reschedule. Per
 * affinity step (soft when useful, then hard) an idle core ({@code smt_idle}), else an idle untickled pCPU, each
 * cycling from the vCPU's own pCPU; else the busy, untickled pCPU with the best {@code tickle_score} (the credit
 * difference with the vCPU running there, less a migration resistance, plus soft-affinity bonuses), skipping pCPUs
 * whose vCPU runs within the rate limit (less its tolerance). Writes TICKLE_NEW, TICKLE_CHECK and TICKLE on the
 * waking vCPU's pCPU.
 *
 * <p>The pCPUs that switched within the rate limit are remembered ({@link #switched}), so the busy search skips them
 * without scoring each: on an overloaded run queue that is most of them. Simulation thread only.</p>
 */
final class Credit2Tickle {

    private final Credit2Scheduler sched;
    private final SchedContext ctx;
    /** Scratch mask of the searches. */
    private final CpuMask tickleScratch;
    /** An empty mask, for {@link #tickleBusy} without a rate limit. */
    private final CpuMask noCpus;
    /** Switches within the rate limit, which {@link #tickleBusy} skips. */
    private final RecentSwitches recentSwitches;

    Credit2Tickle(Credit2Scheduler sched, SchedContext ctx) {
        this.sched = sched;
        this.ctx = ctx;
        int nrCpus = ctx.host().nrCpus();
        tickleScratch = new CpuMask(nrCpus);
        noCpus = new CpuMask(nrCpus);
        recentSwitches = new RecentSwitches(nrCpus);
    }

    /**
     * Notes that {@code cpu} switched to another vCPU at {@code now}: for the rate limit's duration (less the
     * tolerance), {@link #tickle} does not score it.
     *
     * @param cpu the pCPU
     * @param now current time, ns
     */
    void switched(int cpu, long now) {
        recentSwitches.switched(cpu, now, rateLimitedSince(now));
    }

    /** @return the earliest start of running a vCPU that {@link #preemptable} turns down at {@code now} */
    private long rateLimitedSince(long now) {
        return now - (sched.ratelimitNs - RATELIMIT_TICKLE_TOLERANCE);
    }

    /** {@code is_preemptable}: no rate limit beyond the tolerance, or ran more than the rate limit minus it. */
    private boolean preemptable(long runningSince, long now) {
        if (sched.ratelimitNs <= RATELIMIT_TICKLE_TOLERANCE) {
            return true;
        }
        return now - runningSince > sched.ratelimitNs - RATELIMIT_TICKLE_TOLERANCE;
    }

    /**
     * {@code runq_tickle}: per affinity step (soft when useful, then hard), an idle core ({@code smt_idle}), then
     * an idle untickled pCPU, each from the vCPU's own pCPU cycling; else the busy pCPU with the best
     * {@code tickle_score}.
     */
    void tickle(Credit2Unit nu, long now) {
        Credit2Runqueue r = nu.rqd;
        int cpu = nu.v.processor;
        sched.tr(cpu, TRC_TICKLE_NEW, unitDom(nu.v), cpu, (int) nu.credit);
        CpuSet hard = nu.v.hardAffinity;
        int ipid = -1;
        // (smt_idle is a subset of idle: with no idle pCPU both searches find nothing)
        for (int step = r.idle.isEmpty() ? 2 : hasSoftAffinity(nu.v) ? 0 : 1; step < 2 && ipid < 0; step++) {
            CpuSet soft = step == 0 ? nu.v.softAffinity : null;
            ipid = r.smtIdle.cycleFrom(cpu, hard, soft, r.active);
            if (ipid < 0) {
                ipid = tickleScratchFor(r).cycleFrom(cpu, hard, soft, r.active);
            }
        }
        if (ipid < 0) {
            ipid = tickleBusy(nu, r, cpu, now);
        }
        if (ipid < 0) {
            return;
        }
        sched.tr(cpu, TRC_TICKLE, ipid);
        nu.tickledCpu = ipid;
        tickleCpu(ipid, r);
    }

    /**
     * {@code runq_tickle}'s last part: the busy, untickled pCPUs of the run queue in the vCPU's hard affinity,
     * scored by {@code tickle_score} (which burns the running vCPU's credits and writes TICKLE_CHECK).
     *
     * @return the pCPU with the highest positive score, or -1
     */
    private int tickleBusy(Credit2Unit nu, Credit2Runqueue r, int cpu, long now) {
        // without the pCPUs tickle_score would turn down for the rate limit, not looking at each
        CpuMask rateLimited = sched.ratelimitNs > RATELIMIT_TICKLE_TOLERANCE
                ? recentSwitches.since(rateLimitedSince(now)) : noCpus;
        CpuMask mask = tickleScratch;
        mask.assignAndAndNotAny(r.active, nu.v.hardAffinity, r.idle, r.tickled, rateLimited);
        // the vCPU's own pCPU first, then the others in increasing order (Xen's for_each_cpu)
        int ipid = -1;
        long max = 0;
        if (mask.get(cpu)) {
            mask.clear(cpu);
            long score = tickleScore(nu, cpu, now);
            if (score > max) {
                max = score;
                ipid = cpu;
                if (nu.v.softAffinity.contains(cpu)) {
                    return ipid; // its own pCPU, in its soft affinity: just take it
                }
            }
        }
        for (int c = mask.nextSetBit(0); c >= 0; c = mask.nextSetBit(c + 1)) {
            long score = tickleScore(nu, c, now);
            if (score > max) {
                max = score;
                ipid = c;
            }
        }
        return ipid;
    }

    /** {@code tickle_score}: -1 for a pCPU running idle or within the rate limit, else the credit difference. */
    private long tickleScore(Credit2Unit nu, int c, long now) {
        // most busy pCPUs fail these two tests (rate limit): they are answered from the core's per-pCPU arrays
        if (ctx.currIsIdle(c) || !preemptable(ctx.currRunningSince(c), now)) {
            return -1;
        }
        Vcpu cur = ctx.curr(c);
        Credit2Unit cu = (Credit2Unit) cur.schedData;
        sched.burnCredits(cu, now, nu.v.processor); // on the tickling pCPU, with TICKLE_NEW and TICKLE_CHECK
        long score = nu.credit - cu.credit;
        if (c != nu.v.processor) {
            score -= MIGRATE_RESIST;
        }
        // the soft-affinity bonuses
        if (score > 0) {
            if (nu.v.softAffinity.contains(c)) {
                score += CREDIT_INIT;
            }
            if (!cur.softAffinity.contains(c)) {
                score += CREDIT_INIT;
            }
        }
        sched.tr(nu.v.processor, TRC_TICKLE_CHECK, unitDom(cur), (int) cu.credit, (int) score);
        return score;
    }

    /**
     * {@code tickle_cpu}: marks a pCPU tickled (its core leaves the SMT-idle mask) and raises its schedule softirq.
     *
     * @param cpu a pCPU of {@code r}
     * @param r its run queue
     */
    void tickleCpu(int cpu, Credit2Runqueue r) {
        r.tickled.set(cpu);
        r.smtIdleClear(cpu, sched.threadsPerCore);
        ctx.tickle(cpu);
    }

    /** @return whether the run queue has an idle, untickled pCPU in both sets */
    boolean idleUntickledIn(Credit2Runqueue r, CpuSet a, CpuSet b) {
        return tickleScratchFor(r).cycleFrom(0, a, b, null) >= 0;
    }

    /** @return {@link #tickleScratch} set to the run queue's idle, untickled pCPUs */
    private CpuMask tickleScratchFor(Credit2Runqueue r) {
        tickleScratch.assignAndNot(r.idle, r.tickled);
        return tickleScratch;
    }
}
