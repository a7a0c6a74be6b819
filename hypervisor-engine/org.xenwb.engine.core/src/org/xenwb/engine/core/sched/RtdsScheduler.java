package org.xenwb.engine.core.sched;

import org.xenwb.engine.core.model.CpuMask;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;

/**
 * The RTDS scheduler ({@code sched/rt.c}): global EDF over the pool's pCPUs. Each vCPU is a deferrable server with
 * a budget and a period (defaults 4 ms / 10 ms); its budget is replenished at each period boundary, where its
 * deadline moves to the end of the new period (event-driven replenishment). A vCPU that exhausts its budget waits
 * for the replenishment, unless it has {@code extratime}, in which case it continues at a lower priority level
 * with a fresh budget. Priority: lower level first, then earlier deadline.
 */
public final class RtdsScheduler extends Scheduler {

    /** Default period, ns ({@code RTDS_DEFAULT_PERIOD}). */
    public static final long DEFAULT_PERIOD = 10_000_000L;
    /** Default budget, ns ({@code RTDS_DEFAULT_BUDGET}). */
    public static final long DEFAULT_BUDGET = 4_000_000L;
    /** Smallest slice the scheduler sets. */
    static final long MIN_SLICE = 10_000L;

    /** Per-vCPU server state. */
    static final class RtUnit {
        final Vcpu v;
        long period = DEFAULT_PERIOD;
        long budget = DEFAULT_BUDGET;
        boolean extratime = true;
        long curBudget;
        long curDeadline;
        long lastStart;
        int priorityLevel;
        boolean onRunq;
        /** Insertion number on the run queue: among equal (level, deadline) the earlier insertion goes first. */
        long runqSeq;
        /** The group of equal keys in {@link RtdsRunQueue} that holds the unit; null when not queued. */
        RtdsRunQueue.Group runqGroup;
        /** Neighbours in that group, oldest first. */
        RtUnit runqPrev;
        RtUnit runqNext;
        boolean depleted;
        SchedContext.Timer repl;
        long budgetOverruns;

        RtUnit(Vcpu v) {
            this.v = v;
        }
    }

    /**
     * The run queue in Xen's order: priority level, then deadline, then insertion order (rt.c inserts a unit after
     * all units of equal priority). A queued unit's key fields change only right before {@link RtdsRunQueue#requeue}.
     */
    private final RtdsRunQueue runq = new RtdsRunQueue();
    /** {@code runq_pick}'s test: the pCPU is in the unit's hard affinity (and, in the engine, it is runnable). */
    private static final RtdsRunQueue.Eligibility PICKABLE = (u, cpu) -> u.v.hardAffinity.contains(cpu)
            && u.v.runnable();
    /** pCPUs tickled that have not scheduled yet (Xen's {@code prv->tickled}); sized in {@link #init}. */
    private CpuMask tickled;
    /** {@link #tickle}'s scratch mask. */
    private CpuMask tickleScratch;
    /** The pool's pCPUs that run idle ({@link #onCpu} null). */
    private CpuMask idle;
    /**
     * The unit each pCPU of the pool runs, null for idle: {@link #doSchedule}'s last decision there (the engine
     * applies every decision; {@link #checkInvariants} compares with the engine's current vCPUs).
     */
    private RtUnit[] onCpu;
    /** The lowest-priority unit of {@link #onCpu}, kept up to date wherever a running unit or its key changes. */
    private RtdsLowestRunning lowestRunning;
    private final ScheduleDecision decision = new ScheduleDecision();

    // TRC_RTDS_* event numbers of rt.c (TRC_SCHED_RTDS is scheduler id 4)
    static final int TRC_TICKLE = 1;
    static final int TRC_RUNQ_PICK = 2;
    static final int TRC_BUDGET_BURN = 3;
    static final int TRC_BUDGET_REPLENISH = 4;
    static final int TRC_SCHEDULE = 6;

    @Override
    protected int traceClass() {
        return 4;
    }

    @Override
    public void init(SchedContext context) {
        super.init(context);
        int n = context.host().nrCpus();
        tickled = new CpuMask(n);
        tickleScratch = new CpuMask(n);
        idle = new CpuMask(n);
        onCpu = new RtUnit[n];
        lowestRunning = new RtdsLowestRunning(onCpu);
    }

    @Override
    public void setCpus(CpuSet newCpus) {
        super.setCpus(newCpus);
        java.util.Arrays.fill(onCpu, null); // the pool has no vCPUs when its pCPUs change
        lowestRunning.clear();
        idle.assign(newCpus);
    }

    private static int unitDom(Vcpu v) {
        return (v.id() & 0xffff) | (v.domain().id() << 16);
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.RTDS;
    }

    @Override
    public String poolParams() {
        return "sched=RTDS";
    }

    /**
     * Sets a vCPU's server parameters, as {@code xl sched-rtds -d D -v V -p P -b B -e E}.
     *
     * @param v the vCPU
     * @param periodNs period, ns (at least 10 us)
     * @param budgetNs budget, ns (at least 10 us, at most the period)
     * @param extratime whether it may use idle time beyond its budget
     */
    public void setParams(Vcpu v, long periodNs, long budgetNs, boolean extratime) {
        if (periodNs < 10_000 || budgetNs < 10_000 || budgetNs > periodNs) {
            throw new IllegalArgumentException("RTDS needs 10us <= budget <= period");
        }
        RtUnit u = (RtUnit) v.schedData;
        boolean queued = u.onRunq;
        if (queued) {
            runqRemove(u);
        }
        u.period = periodNs;
        u.budget = budgetNs;
        u.extratime = extratime;
        long now = ctx.now();
        u.curDeadline = now + periodNs;
        u.curBudget = budgetNs;
        u.priorityLevel = 0;
        u.depleted = false;
        runningKeyChanged(u);
        if (u.repl.active()) {
            u.repl.set(u.curDeadline);
        }
        if (queued) {
            runqInsert(u);
        }
    }

    /**
     * @param v a vCPU of this pool
     * @return {period ns, budget ns, extratime 0/1}
     */
    public long[] params(Vcpu v) {
        RtUnit u = (RtUnit) v.schedData;
        return new long[] {u.period, u.budget, u.extratime ? 1 : 0};
    }

    @Override
    public void insertVcpu(Vcpu v) {
        RtUnit u = new RtUnit(v);
        v.schedData = u;
        long now = ctx.now();
        u.curDeadline = now + u.period;
        u.curBudget = u.budget;
        u.repl = ctx.newTimer(t -> replenish(u, t));
        if (!canRunOn(v, v.processor)) {
            v.processor = effectiveAffinity(v).first();
        }
        if (v.runnable()) {
            u.repl.set(u.curDeadline); // rt_unit_insert: replq_insert for a runnable unit only
            if (!v.isRunning) {
                runqInsert(u);
                tickle(u);
            }
        }
    }

    @Override
    public void removeVcpu(Vcpu v) {
        RtUnit u = (RtUnit) v.schedData;
        if (u.onRunq) {
            runqRemove(u);
        }
        u.repl.stop();
        v.schedData = null;
    }

    /**
     * {@code rt_unit_sleep} for a unit that is not running: it leaves the run queue (or, depleted, Xen's depleted
     * queue) and the replenishment queue, so its replenishment timer stops until it wakes.
     */
    @Override
    public void sleep(Vcpu v) {
        RtUnit u = (RtUnit) v.schedData;
        if (u.onRunq) {
            runqRemove(u);
        }
        if (!v.isRunning) {
            u.repl.stop();
        }
    }

    /**
     * {@code rt_unit_wake}: a deadline that passed while the unit slept gives a new deadline and a full budget
     * ({@code rt_update_deadline}); the replenishment timer is armed again ({@code replq_insert}); the unit joins
     * the run queue and tickles unless it is depleted (then it waits on its replenishment).
     */
    @Override
    public void wake(Vcpu v) {
        RtUnit u = (RtUnit) v.schedData;
        if (v.isRunning || u.onRunq) {
            return;
        }
        long now = ctx.now();
        if (now >= u.curDeadline) {
            updateDeadline(u, now);
        } else if (!u.repl.active()) {
            u.repl.set(u.curDeadline);
        }
        if (u.depleted) {
            return; // waits for its replenishment
        }
        runqInsert(u);
        tickle(u);
    }

    /**
     * {@code rt_context_saved}: a unit switched out that is not runnable leaves the replenishment queue
     * ({@code replq_remove}); a runnable one was already put back by {@link #doSchedule}.
     */
    @Override
    public void contextSaved(Vcpu prev) {
        RtUnit u = (RtUnit) prev.schedData;
        if (u != null && !prev.runnable() && !u.onRunq) {
            u.repl.stop();
        }
    }

    private void updateDeadline(RtUnit u, long now) {
        if (now >= u.curDeadline) {
            long missed = (now - u.curDeadline) / u.period + 1;
            u.curDeadline += missed * u.period;
        }
        u.curBudget = u.budget;
        u.priorityLevel = 0;
        u.depleted = false;
        runningKeyChanged(u);
        u.repl.set(u.curDeadline);
        tr(u.v.processor, TRC_BUDGET_REPLENISH, unitDom(u.v), u.priorityLevel, (int) u.curDeadline,
                (int) (u.curDeadline >>> 32), (int) u.curBudget, (int) (u.curBudget >>> 32));
    }

    /** Keeps {@link #lowestRunning} exact after the priority level or deadline of {@code u} changed. */
    private void runningKeyChanged(RtUnit u) {
        int p = u.v.processor;
        if (p >= 0 && p < onCpu.length && onCpu[p] == u) {
            lowestRunning.update(p);
        }
    }

    /**
     * {@code repl_timer_handler} for one unit (Xen has one timer for the whole replenishment queue; the engine one
     * per unit, armed while the unit is on that queue): a new deadline and a full budget, the unit re-sorted if
     * queued. Tickles as Xen does: for a running unit, the run queue's head when that now has the higher priority;
     * for a depleted unit, itself (it joins the run queue); a queued unit only moves in the queue.
     */
    private void replenish(RtUnit u, long now) {
        updateDeadline(u, now);
        Vcpu v = u.v;
        if (u.onRunq) {
            runq.requeue(u); // Xen takes it off and inserts it again, after the units of equal key
            return;
        }
        if (v.isRunning) {
            if (!runq.isEmpty() && compare(u, runq.first()) > 0) {
                tickle(runq.first());
            }
            return;
        }
        if (v.runnable()) {
            runqInsert(u); // depleted (Xen's depleted queue): now it may run
            tickle(u);
        }
    }

    /** @return negative when a has higher priority than b */
    static int compare(RtUnit a, RtUnit b) {
        if (a.priorityLevel != b.priorityLevel) {
            return Integer.compare(a.priorityLevel, b.priorityLevel);
        }
        return Long.compare(a.curDeadline, b.curDeadline);
    }

    private void runqInsert(RtUnit u) {
        runq.add(u);
        u.onRunq = true;
    }

    private void runqRemove(RtUnit u) {
        runq.remove(u);
        u.onRunq = false;
    }

    /**
     * {@code runq_tickle}: over the pool's pCPUs in the unit's hard affinity that are not tickled yet, cycling from
     * the unit's own pCPU: the first idle one; if none, the one running the lowest-priority unit (the first met
     * among equals) when the unit has a higher priority than that.
     */
    private void tickle(RtUnit u) {
        CpuSet aff = effectiveAffinity(u.v);
        int from = u.v.processor;
        CpuMask mask = tickleScratch;
        if (!idle.isEmpty()) {
            mask.assignAndAndNot(aff, idle, tickled);
            int c = mask.cycleFrom(from, aff, null, null);
            if (c >= 0) {
                tickleCpu(c); // the first idle one
                return;
            }
        }
        // all busy: when the unit does not come before the lowest-priority running unit of the whole pool, it
        // cannot come before that of any pCPUs it may tickle: nothing to tickle
        RtUnit lowest = lowestRunning.lowest();
        if (lowest == null || compare(u, lowest) >= 0) {
            return;
        }
        // the lowest priority, the first met from the unit's pCPU on (words cycled from its word, that word's bits
        // at or after it first and the ones before it last)
        mask.assign(aff);
        mask.removeAll(tickled);
        int n = mask.wordCount();
        int fw = from >>> 6;
        long firstPart = -1L << from;
        int latest = -1;
        RtUnit latestU = null;
        for (int k = 0; k <= n; k++) {
            int i = (fw + k) % n;
            long bits = mask.word(i);
            if (k == 0) {
                bits &= firstPart;
            } else if (k == n) {
                bits &= ~firstPart;
            }
            for (; bits != 0; bits &= bits - 1) {
                int p = (i << 6) + Long.numberOfTrailingZeros(bits);
                RtUnit cu = onCpu[p];
                if (latestU == null || compare(cu, latestU) > 0) {
                    latestU = cu;
                    latest = p;
                }
            }
        }
        if (latestU != null && compare(u, latestU) < 0) {
            tickleCpu(latest);
        }
    }

    private void tickleCpu(int c) {
        tr(c, TRC_TICKLE, c);
        tickled.set(c);
        ctx.tickle(c);
    }

    private void burnBudget(RtUnit u, long now) {
        long delta = now - u.lastStart;
        u.lastStart = now;
        if (delta < 0) {
            return;
        }
        if (delta > 0) {
            burn(u, delta);
        }
        // burn_budget's record: uint16_t unit, dom; uint64_t cur_budget; int delta; unsigned priority_level;
        // bool has_extratime (packed, 21 bytes: 6 words, the last one's upper bytes zero here)
        tr(u.v.processor, TRC_BUDGET_BURN, unitDom(u.v), (int) u.curBudget, (int) (u.curBudget >>> 32), (int) delta,
                u.priorityLevel, u.extratime ? 1 : 0);
    }

    private void burn(RtUnit u, long delta) {
        u.curBudget -= delta;
        if (u.curBudget <= 0) {
            if (u.curBudget < 0 && u.priorityLevel == 0) {
                u.budgetOverruns++;
            }
            if (u.extratime) {
                u.priorityLevel++;
                u.curBudget = u.budget;
            } else {
                u.curBudget = 0;
                u.depleted = true;
            }
        }
    }

    @Override
    public ScheduleDecision doSchedule(int cpu, long now, Vcpu prev) {
        tr(cpu, TRC_SCHEDULE, (cpu & 0xffff) | ((tickled.get(cpu) ? 1 : 0) << 24)
                | ((prev.isIdle() ? 1 : 0) << 28));
        tickled.clear(cpu);
        RtUnit scurr = prev.isIdle() ? null : (RtUnit) prev.schedData;
        if (scurr != null) {
            burnBudget(scurr, now); // its key may change: lowestRunning is updated below, before it is next read
        }
        RtUnit snext = runq.firstMatching(cpu, PICKABLE);
        if (snext != null) {
            tr(cpu, TRC_RUNQ_PICK, unitDom(snext.v), (int) snext.curDeadline, (int) (snext.curDeadline >>> 32),
                    (int) snext.curBudget, (int) (snext.curBudget >>> 32));
        }
        boolean curOk = scurr != null && prev.runnable() && !scurr.depleted && canRunOn(prev, cpu);
        if (curOk && (snext == null || compare(scurr, snext) < 0)) { // rt_schedule: ties go to the queued unit
            snext = scurr;
        }
        if (snext != null && snext != scurr) {
            runqRemove(snext);
        }
        onCpu[cpu] = snext;
        lowestRunning.update(cpu);
        if (snext == null) {
            idle.set(cpu);
        } else {
            idle.clear(cpu);
        }
        if (scurr != null && snext != scurr && curOk) {
            // rt_context_saved's runq_insert and runq_tickle: the pCPU runs snext by then
            runqInsert(scurr);
            tickle(scurr);
        }
        if (snext == null) {
            return decision.set(ctx.idleVcpu(cpu), -1);
        }
        snext.lastStart = now;
        snext.v.processor = cpu;
        long slice = Math.max(MIN_SLICE, snext.curBudget);
        // also re-evaluate at the next replenishment of any queued vCPU that might preempt us: event-driven via
        // replenish() tickling; the slice bounds the budget
        return decision.set(snext.v, slice);
    }

    @Override
    public void checkInvariants(int cpu, long now) {
        RtUnit lowest = null;
        for (int k = 0; k < cpus.size(); k++) {
            int p = cpus.member(k);
            Vcpu cur = ctx.curr(p);
            boolean agrees = cur.isIdle() ? onCpu[p] == null : onCpu[p] != null && onCpu[p].v == cur;
            if (!agrees || idle.get(p) != cur.isIdle()) {
                throw new IllegalStateException("rtds: pCPU " + p + " runs " + cur + " but the scheduler has "
                        + (onCpu[p] == null ? "idle" : onCpu[p].v));
            }
            if (onCpu[p] != null && (lowest == null || compare(onCpu[p], lowest) > 0)) {
                lowest = onCpu[p];
            }
        }
        RtUnit kept = lowestRunning.lowest();
        if (kept == null ? lowest != null : lowest == null || compare(kept, lowest) != 0) {
            throw new IllegalStateException("rtds: lowest-priority running unit is " + (lowest == null ? null
                    : lowest.v) + ", the tournament tree says " + (kept == null ? null : kept.v));
        }
        Vcpu c = ctx.curr(cpu);
        if (!c.isIdle()) {
            RtUnit u = (RtUnit) c.schedData;
            if (u.depleted) {
                throw new IllegalStateException("rtds: " + c + " runs with no budget left");
            }
        }
        for (RtUnit u : runq.units()) {
            if (u.v.isRunning) {
                throw new IllegalStateException("rtds: running " + u.v + " is on the runq");
            }
        }
    }

    /**
     * @param v a vCPU
     * @return how many times it ran past its budget at priority level 0 (0 for a correct EDF implementation,
     *         since slices never exceed the remaining budget)
     */
    public long budgetOverruns(Vcpu v) {
        return ((RtUnit) v.schedData).budgetOverruns;
    }
}
