package org.xenwb.engine.core.sched;

import static org.xenwb.engine.core.sched.Credit2Caps.hasCap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;

/**
 * The credit2 scheduler, following Xen 4.17's {@code sched/credit2.c}: one run queue per socket by default (or per
 * cpu/core/node, or one for all), vCPUs ordered by credit, credit burnt at {@code delta * max_weight / weight},
 * a reset (clip to {@code CREDIT_INIT + CARRYOVER_MAX}, then add {@code CREDIT_INIT}) when the best candidate has no
 * credit left, {@code runq_tickle} with migration resistance, {@code runq_candidate} with rate limit, the
 * {@code csched2_runtime} slice rules (0.5 ms min, 10 ms max) and caps through per-domain budgets replenished every
 * 10 ms.
 *
 * <p>Load tracking and balancing are credit2.c's ({@link Credit2LoadBalancer}, {@link Credit2LoadAverage}): each
 * run queue counts its runnable vCPUs ({@code load}) and keeps two decaying averages of that count
 * ({@code avgload}, and {@code b_avgload}, which also moves by a vCPU's own average when it joins or leaves), each
 * vCPU keeps the average of its own runnability, all as fixed-point numbers (18 fraction bits) over a window of
 * 2^30 ns sampled in 1.024 us steps, updated where Xen updates them (wake, sleep, context saved, every schedule,
 * balancing) with Xen's UPDATE_LOAD, UPDATE_RUNQ_LOAD and UPDATE_UNIT_LOAD records. {@code csched2_res_pick} takes
 * the run queue of least {@code b_avgload} (its own counted without the vCPU, soft affinity first), and after each
 * credit reset {@code balance_load} looks for the push, pull or swap that best evens out the most different pair of
 * run queues, beyond Xen's tolerances; a running vCPU it chooses moves when its context is saved.</p>
 *
 * <p>Simplifications: Xen's trylock failures (which make it skip a run queue or fall back to another pCPU) do not
 * happen; a running vCPU whose affinity changes is re-placed only if its pCPU is no longer allowed (Xen re-picks in
 * any case through {@code vcpu_migrate}); a vCPU waiting to move after balancing stays in the RUNNABLE runstate (Xen
 * briefly marks it offline through {@code _VPF_migrating}).</p>
 *
 * <p>Caps (budgets, parking) are {@link Credit2Caps}'s; the grouping of pCPUs into run queues is
 * {@link Credit2RunqueueLayout}'s; {@code runq_tickle} is {@link Credit2Tickle}'s.</p>
 */
public final class Credit2Scheduler extends Scheduler {

    static final long CREDIT_INIT = 10_000_000L;
    static final long MIN_TIMER = 500_000L;
    static final long CREDIT_MIN = -CREDIT_INIT;
    static final long IDLE_CREDIT = CREDIT_MIN - 1;
    static final long CARRYOVER_MAX = MIN_TIMER;
    static final long MIGRATE_RESIST = 500_000L;
    static final long MIGRATE_COMPENSATION = 50_000L;
    static final long RATELIMIT_TICKLE_TOLERANCE = 50_000L;
    static final long MAX_TIMER = CREDIT_INIT;

    /** How pCPUs are grouped into run queues ({@code credit2_runqueue=} boot option). */
    public enum RunqueueArrangement {
        /** One run queue per pCPU. */
        CPU,
        /** One per core. */
        CORE,
        /** One per socket (Xen's default). */
        SOCKET,
        /** One per NUMA node. */
        NODE,
        /** One for the whole pool. */
        ALL
    }

    private RunqueueArrangement arrangement = RunqueueArrangement.SOCKET;
    /** {@code sched_credit2_max_cpus_runqueue} (Xen 4.17's default 16). */
    private int maxCpusRunqueue = 16;
    /** The pool's rate limit, ns ({@code prv->ratelimit_us}); read by {@link Credit2Tickle}. */
    long ratelimitNs = 1_000_000L;
    private final List<Credit2Runqueue> rqs = new ArrayList<>();
    private Credit2Runqueue[] cpuRqd;
    private final ScheduleDecision decision = new ScheduleDecision();
    /** The host's threads per core, for the SMT-idle mask. */
    int threadsPerCore;
    private long resets;
    private Credit2LoadBalancer lb;
    private Credit2Caps caps;
    private Credit2Tickle tickler;

    /** A run queue's load state ({@code rqd->load}, {@code avgload}, {@code b_avgload}). */
    public record RunqueueLoad(int id, CpuSet cpus, int load, long avgload, long bAvgload) {
    }

    // TRC_CSCHED2_* event numbers of credit2.c
    static final int TRC_RUNQ_POS = 2;
    static final int TRC_CREDIT_BURN = 3;
    static final int TRC_TICKLE_CHECK = 5;
    static final int TRC_TICKLE = 6;
    static final int TRC_CREDIT_RESET = 7;
    static final int TRC_RUNQ_ASSIGN = 10;
    static final int TRC_TICKLE_NEW = 13;
    static final int TRC_RUNQ_MAX_WEIGHT = 14;
    static final int TRC_MIGRATE = 15;
    static final int TRC_PICKED_CPU = 19;
    static final int TRC_RUNQ_CANDIDATE = 20;
    static final int TRC_SCHEDULE = 21;
    static final int TRC_RATELIMIT = 22;
    static final int TRC_RUNQ_CAND_CHECK = 23;

    @Override
    protected int traceClass() {
        return 1;
    }

    static int unitDom(Vcpu v) {
        return (v.id() & 0xffff) | (v.domain().id() << 16);
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.CREDIT2;
    }

    @Override
    public void init(SchedContext context) {
        super.init(context);
        cpuRqd = new Credit2Runqueue[context.host().nrCpus()];
        threadsPerCore = context.host().threadsPerCore();
        lb = new Credit2LoadBalancer(context);
        caps = new Credit2Caps(this, context);
        tickler = new Credit2Tickle(this, context);
    }

    /**
     * Sets the load-tracking boot options. Takes effect for averages updated from now on; meant to be called before
     * domains are created.
     *
     * @param precisionShift {@code credit2_load_precision_shift} (default 18; values below 4 become 4, as in Xen)
     * @param windowShift {@code credit2_load_window_shift} in ns bits (default 30; values up to 10 become 30)
     */
    public void setLoadShifts(int precisionShift, int windowShift) {
        lb.setShifts(precisionShift, windowShift);
    }

    /**
     * Sets the balancing tolerances ({@code credit2_balance_under}, {@code credit2_balance_over}; defaults 0 and -3):
     * balancing acts when the imbalance reaches {@code 2^tolerance} vCPUs' worth of load.
     *
     * @param under tolerance while the busier run queue is below full load
     * @param over tolerance at or above full load
     */
    public void setBalanceTolerances(int under, int over) {
        lb.setTolerances(under, over);
    }

    /** @return the load precision shift in use (fraction bits of the averages) */
    public int loadPrecisionShift() {
        return lb.precisionShift;
    }

    /** @return each run queue's load state, in run-queue order */
    public List<RunqueueLoad> runqueueLoads() {
        return rqs.stream().map(r -> new RunqueueLoad(r.id, r.active, r.load, r.avgload, r.bAvgload)).toList();
    }

    /** @return how many times {@code balance_load} went past its tolerance test */
    public long balanceSteps() {
        return lb.balances;
    }

    /** @return how many vCPUs {@code balance_load} chose to move (a swap counts two) */
    public long balanceMoves() {
        return lb.moves;
    }

    /**
     * @param max {@code sched_credit2_max_cpus_runqueue=}, at least 1; takes effect at the next change of the pool's
     *        pCPUs
     */
    public void setMaxCpusRunqueue(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("sched_credit2_max_cpus_runqueue must be at least 1, got " + max);
        }
        this.maxCpusRunqueue = max;
    }

    /** @return the run queues' pCPUs, in run-queue order */
    public List<CpuSet> runqueueCpus() {
        return rqs.stream().map(r -> r.active).toList();
    }

    /**
     * @param a the run-queue arrangement; takes effect at the next change of the pool's pCPUs
     */
    public void setArrangement(RunqueueArrangement a) {
        this.arrangement = a;
    }

    /**
     * Sets the rate limit, as {@code xl sched-credit2 -s -r}.
     *
     * @param ratelimitUs 0 or 100..500000 us
     */
    public void setRatelimitUs(int ratelimitUs) {
        if (ratelimitUs != 0 && (ratelimitUs < 100 || ratelimitUs > 500_000)) {
            throw new IllegalArgumentException("ratelimit must be 0 or 100..500000 us");
        }
        ratelimitNs = ratelimitUs * 1000L;
    }

    /** @return the rate limit, us */
    public int ratelimitUs() {
        return (int) (ratelimitNs / 1000);
    }

    /** @return how many credit resets happened */
    public long resets() {
        return resets;
    }

    @Override
    public String poolParams() {
        return "ratelimit=" + ratelimitUs() + "us";
    }

    @Override
    public void setCpus(CpuSet newCpus) {
        super.setCpus(newCpus);
        rqs.clear();
        rqs.addAll(Credit2RunqueueLayout.arrange(newCpus, ctx.host(), arrangement, maxCpusRunqueue));
        for (Credit2Runqueue r : rqs) {
            for (int cpu : r.active.toArray()) {
                cpuRqd[cpu] = r;
            }
        }
    }

    /** @return the arrangement name, e.g. {@code socket} */
    public String arrangementName() {
        return arrangement.name().toLowerCase(Locale.ROOT);
    }

    /** @return number of run queues */
    public int runqueueCount() {
        return rqs.size();
    }

    @Override
    public void insertDomain(Domain d) {
        super.insertDomain(d);
        Credit2Dom cd = new Credit2Dom(d);
        d.schedData = cd;
        caps.domainInserted(cd);
    }

    @Override
    public void removeDomain(Domain d) {
        super.removeDomain(d);
        ((Credit2Dom) d.schedData).replTimer.stop();
    }

    @Override
    public void domainParamsChanged(Domain d) {
        Credit2Dom cd = (Credit2Dom) d.schedData;
        for (Credit2Runqueue r : rqs) {
            r.updateMax();
        }
        boolean capped = cd.totBudget != 0;
        if (capped != (d.cap != 0) || d.cap != 0) {
            caps.capChanged(cd);
        }
    }

    @Override
    public void insertVcpu(Vcpu v) {
        Credit2Dom cd = (Credit2Dom) v.domain().schedData;
        Credit2Unit u = new Credit2Unit(v, cd);
        long now = ctx.now();
        u.avgload = Credit2LoadAverage.initialUnitLoad(lb.precisionShift); // csched2_alloc_udata: 50%
        u.loadLastUpdate = Credit2LoadAverage.sampleTime(now);
        v.schedData = u;
        cd.nrUnits++;
        caps.unitInserted(u);
        // csched2_unit_insert: csched2_res_pick, then runq_assign to the picked pCPU's run queue
        v.processor = pick(u);
        assign(u, cpuRqd[v.processor]);
        if (v.runnable() && !v.isRunning) {
            enqueue(u, now); // the wake-up that follows the insertion in Xen
        }
    }

    /** {@code csched2_unit_wake}'s part after the checks: the load grows, the vCPU is queued and tickles. */
    void enqueue(Credit2Unit u, long now) {
        addLoad(u.v.processor, u, now);
        runqInsert(u);
        tickler.tickle(u, now);
    }

    /** {@code update_load(rqd, svc, 1)}: {@code u} starts counting in its run queue's load. */
    private void addLoad(int cpu, Credit2Unit u, long now) {
        lb.updateLoad(cpu, u.rqd, u, 1, true, now);
        u.inLoad = true;
    }

    /** {@code update_load(rqd, svc, -1)}: {@code u} stops counting in its run queue's load. */
    void subLoad(int cpu, Credit2Unit u, long now) {
        lb.updateLoad(cpu, u.rqd, u, -1, true, now);
        u.inLoad = false;
    }

    /** {@code unit_runnable}: runnable for the engine, and not waiting to move to another run queue. */
    static boolean runnable(Credit2Unit u) {
        return u.v.runnable() && u.migrateRqd == null;
    }

    /**
     * {@code csched2_res_pick}: a request of the balancer to move to a run queue wins if the vCPU may run there;
     * otherwise the run queue with the least {@code b_avgload} among those the vCPU may use (its own counted without
     * the vCPU's own average, "to simulate impartiality"), preferring one that meets its soft affinity; then the
     * pCPU after that run queue's {@code pick_bias}. Writes the PICKED_CPU record.
     *
     * @param u the vCPU
     * @return the pCPU to move it to
     */
    private int pick(Credit2Unit u) {
        CpuSet hard = effectiveAffinity(u.v);
        int traceCpu = u.v.processor;
        Credit2Runqueue minRqd = null;
        long minAvgload = Long.MAX_VALUE;
        int newCpu = -1;
        Credit2Runqueue target = u.migrateRqd;
        u.migrateRqd = null;
        if (target != null && rqs.contains(target) && hard.intersects(target.active)) {
            newCpu = cycle(target.pickBias, hard.and(target.active));
            target.pickBias = newCpu;
        } else {
            boolean hasSoft = hasSoftAffinity(u.v);
            Credit2Runqueue minSoft = null;
            long minSoftAvgload = Long.MAX_VALUE;
            for (Credit2Runqueue r : rqs) {
                if (!hard.intersects(r.active)) {
                    continue;
                }
                long avg = r == u.rqd ? Math.max(r.bAvgload - u.avgload, 0) : r.bAvgload;
                if (hasSoft && avg < minSoftAvgload && hard.and(r.active).intersects(u.v.softAffinity)) {
                    minSoftAvgload = avg;
                    minSoft = r;
                }
                if (avg < minAvgload) {
                    minAvgload = avg;
                    minRqd = r;
                }
            }
            if (minRqd == null) { // cannot happen: the effective affinity meets the pool
                minRqd = rqs.get(0);
                minAvgload = minRqd.bAvgload;
                hard = cpus;
            }
            // as in Xen 4.17, the soft-affinity run queue gives the mask but the hard-affinity minimum gives the
            // pick bias (and the record's run queue and load)
            CpuSet mask = hasSoft && minSoft != null ? hard.and(u.v.softAffinity).and(minSoft.active)
                    : hard.and(minRqd.active);
            newCpu = cycle(minRqd.pickBias, mask);
            minRqd.pickBias = newCpu;
        }
        if (ctx.trace().enabled()) {
            // struct { uint64_t b_avgload; unsigned unit:16, dom:16; unsigned rq_id:16, new_cpu:16; }; after a
            // balancer's request Xen leaves min_rqd NULL (rq_id -1) and min_avgload at MAX_LOAD
            tr(traceCpu, TRC_PICKED_CPU, (int) minAvgload, (int) (minAvgload >>> 32), unitDom(u.v),
                    (minRqd == null ? 0xffff : minRqd.id & 0xffff) | (newCpu << 16));
        }
        return newCpu;
    }

    /** @return Xen's {@code cpumask_cycle(after, mask)}: the first pCPU of the mask after {@code after}, wrapping */
    private static int cycle(int after, CpuSet mask) {
        return mask.cycleFrom(after + 1);
    }

    /**
     * {@code csched2_unit_migrate}: to another run queue through {@link #migrate}, else just to the pCPU.
     *
     * @param u a vCPU that is not scheduled
     * @param newCpu the picked pCPU
     * @param now current time, ns
     */
    private void unitMigrate(Credit2Unit u, int newCpu, long now) {
        Credit2Runqueue t = cpuRqd[newCpu];
        if (t != u.rqd) {
            migrate(u, t, now);
        } else {
            u.v.processor = newCpu;
        }
    }

    /**
     * {@code migrate()}: a scheduled vCPU is asked to move (it stops being runnable, and its pCPU is tickled; the
     * move happens when its context is saved); any other leaves its run queue for {@code t}, to the pCPU after
     * {@code t}'s pick bias, keeping its place in the load and on a run queue if it had one.
     */
    private void migrate(Credit2Unit u, Credit2Runqueue t, long now) {
        int cpu = u.v.processor;
        tr(cpu, TRC_MIGRATE, unitDom(u.v), (u.rqd.id & 0xffff) | (t.id << 16));
        if (u.scheduled) {
            u.migrateRqd = t;
            tickler.tickleCpu(cpu, u.rqd);
            return;
        }
        boolean onRunq = u.onRunq;
        if (onRunq) {
            u.rqd.remove(u);
            lb.updateLoad(cpu, u.rqd, null, -1, false, now);
        }
        deassign(u);
        CpuSet mask = effectiveAffinity(u.v).and(t.active);
        u.v.processor = cycle(t.pickBias, mask.isEmpty() ? t.active : mask);
        t.pickBias = u.v.processor;
        assign(u, t);
        if (onRunq) {
            lb.updateLoad(cpu, t, null, 1, false, now);
            runqInsert(u);
            tickler.tickle(u, now);
        }
    }

    /** {@code _runq_assign}: joins the run queue's vCPUs, its max weight and its expected load. */
    private void assign(Credit2Unit u, Credit2Runqueue r) {
        u.rqd = r;
        r.svc.add(u);
        r.maxWeight = Math.max(r.maxWeight, u.weight());
        tr(u.v.processor, TRC_RUNQ_MAX_WEIGHT, (r.id & 0xffff) | (r.maxWeight << 16));
        Credit2LoadBalancer.joined(r, u);
        tr(u.v.processor, TRC_RUNQ_ASSIGN, unitDom(u.v), r.id);
    }

    /** {@code _runq_deassign}: leaves the run queue's vCPUs, max weight and expected load. */
    private void deassign(Credit2Unit u) {
        Credit2Runqueue r = u.rqd;
        r.svc.remove(u);
        r.updateMax();
        tr(u.v.processor, TRC_RUNQ_MAX_WEIGHT, (r.id & 0xffff) | (r.maxWeight << 16));
        Credit2LoadBalancer.left(r, u);
        u.rqd = null;
    }

    @Override
    public void removeVcpu(Vcpu v) {
        Credit2Unit u = (Credit2Unit) v.schedData;
        long now = ctx.now();
        if (u.onRunq) {
            subLoad(v.processor, u, now);
            u.rqd.remove(u);
        } else if (u.inLoad) {
            subLoad(v.processor, u, now);
        }
        u.dom.parked.remove(u);
        if (u.rqd != null) {
            deassign(u);
        }
        u.dom.nrUnits--;
        v.schedData = null;
    }

    @Override
    public void sleep(Vcpu v) {
        Credit2Unit u = (Credit2Unit) v.schedData;
        if (u.onRunq) {
            subLoad(v.processor, u, ctx.now());
            u.rqd.remove(u);
        }
    }

    @Override
    public void wake(Vcpu v) {
        Credit2Unit u = (Credit2Unit) v.schedData;
        if (v.isRunning || u.onRunq) {
            return;
        }
        long now = ctx.now();
        if (!canRunOn(v, v.processor) || !u.rqd.active.contains(v.processor)) {
            unitMigrate(u, pick(u), now); // the engine's stand-in for sched core's vcpu_migrate
        }
        enqueue(u, now);
    }

    @Override
    public void affinityChanged(Vcpu v) {
        Credit2Unit u = (Credit2Unit) v.schedData;
        if (v.isRunning) {
            if (!v.hardAffinity.contains(v.processor)) {
                ctx.tickle(v.processor);
            }
            return;
        }
        // vcpu_set_affinity's vcpu_migrate: sleep, csched2_res_pick, csched2_unit_migrate, wake
        long now = ctx.now();
        if (u.onRunq) {
            subLoad(v.processor, u, now);
            u.rqd.remove(u);
            unitMigrate(u, pick(u), now);
            enqueue(u, now);
        } else {
            unitMigrate(u, pick(u), now);
        }
    }

    /** {@code runq_insert}: queues the vCPU in credit order ({@link Credit2Runqueue#insert}); writes RUNQ_POS. */
    private void runqInsert(Credit2Unit u) {
        int i = u.rqd.insert(u);
        tr(u.v.processor, TRC_RUNQ_POS, unitDom(u.v), i);
    }

    /**
     * {@code burn_credits}: charges a running vCPU for its time since {@code startTime} (scaled by the run queue's
     * top weight over its own, the division's remainder carried in {@code residual}) and its budget if capped;
     * writes CREDIT_BURN, also when no time passed.
     *
     * @param u the vCPU
     * @param now current time, ns
     * @param cpu the pCPU doing the accounting, whose trace buffer gets the record (Xen traces on the processor
     *     that runs the code: the scheduling one, or the one tickling, not necessarily the vCPU's)
     */
    void burnCredits(Credit2Unit u, long now, int cpu) {
        long delta = now - u.startTime;
        if (delta > 0) {
            // t2c_update: delta * max_weight / weight, the remainder carried to the next burn
            int maxW = u.rqd.maxWeight();
            int w = u.weight();
            if (maxW == w) {
                u.credit -= delta; // the same result, the remainder unchanged; most vCPUs have the top weight
            } else {
                long scaled = delta * maxW + u.residual;
                u.residual = (int) (scaled % w);
                u.credit -= scaled / w;
            }
            if (u.credit < CREDIT_MIN) {
                u.credit = CREDIT_MIN;
            }
            if (hasCap(u)) {
                u.budget -= delta;
            }
            u.startTime = now;
        }
        // recorded even when no time passed, as Xen does
        tr(cpu, TRC_CREDIT_BURN, unitDom(u.v), (int) u.credit,
                hasCap(u) ? (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, u.budget))
                        : Integer.MIN_VALUE, (int) delta);
    }

    /** {@code c2t}: credit to time, {@code credit * weight / max_weight} (no division for the top weight). */
    private static long c2t(Credit2Runqueue r, long credit, Credit2Unit u) {
        int w = u.weight();
        int maxW = r.maxWeight();
        return w == maxW ? credit : credit * w / maxW;
    }

    private long creditOf(Vcpu v) {
        return v.isIdle() ? IDLE_CREDIT : ((Credit2Unit) v.schedData).credit;
    }

    /**
     * Xen's {@code has_soft_affinity}: the soft affinity restricts the hard one (it is not a superset of it) and
     * intersects it.
     *
     * @param v a vCPU
     * @return whether its soft affinity is useful
     */
    static boolean hasSoftAffinity(Vcpu v) {
        return v.hasUsefulSoftAffinity();
    }

    /**
     * {@code reset_credit}, run by pCPU {@code cpu}: the running vCPUs of the run queue are charged first (a capped
     * one out of budget gets its pCPU tickled), then every vCPU's credit is clipped to the carry-over and refilled.
     * All records go to {@code cpu}'s trace buffer.
     */
    private void resetCredit(Credit2Runqueue r, long now, Credit2Unit snext, int cpu) {
        long reset = CREDIT_INIT;
        if (snext.credit == CREDIT_MIN) {
            reset += CREDIT_INIT;
        }
        resets++;
        for (Credit2Unit u : r.svc) {
            if (u.v.isRunning && ctx.curr(u.v.processor) == u.v) {
                burnCredits(u, now, cpu);
                if (hasCap(u) && u.budget <= 0) {
                    tickler.tickleCpu(u.v.processor, r);
                }
            }
            long start = u.credit;
            u.credit += reset;
            if (u.credit > CREDIT_INIT + CARRYOVER_MAX) {
                u.credit = CREDIT_INIT + CARRYOVER_MAX;
            }
            u.startTime = now;
            tr(cpu, TRC_CREDIT_RESET, unitDom(u.v), (int) start, (int) u.credit);
        }
    }

    @Override
    public ScheduleDecision doSchedule(int cpu, long now, Vcpu prev) {
        Credit2Runqueue r = cpuRqd[cpu];
        boolean wasTickled = r.tickled.get(cpu);
        if (wasTickled) {
            // no longer tickled: its core may be fully idle and untickled again
            r.tickled.clear(cpu);
            r.smtIdleSet(cpu, threadsPerCore);
        }
        // struct { unsigned cpu:16, rq_id:16; unsigned tasklet:8, idle:8, smt_idle:8, tickled:8; }
        tr(cpu, TRC_SCHEDULE, (cpu & 0xffff) | (r.id << 16), ((prev.isIdle() ? 1 : 0) << 8)
                | ((r.smtIdle.get(cpu) ? 1 : 0) << 16) | ((wasTickled ? 1 : 0) << 24));
        Credit2Unit scurr = prev.isIdle() ? null : (Credit2Unit) prev.schedData;
        boolean prevRunnable = scurr != null && runnable(scurr);
        if (scurr != null) {
            burnCredits(scurr, now, cpu);
            // as Xen: also when it blocks (then it may be parked while blocked, and go OFFLINE when woken)
            if (hasCap(scurr) && scurr.budget <= 0) {
                caps.grabBudget(scurr, cpu);
                prevRunnable = runnable(scurr);
            }
        }
        Credit2Unit snext = runqCandidate(r, scurr, prevRunnable, prev, cpu, now);
        if (snext != null) {
            if (snext != scurr) {
                snext.rqd.remove(snext);
                snext.scheduled = true;
            } else {
                lb.updateLoad(cpu, r, snext, 0, runnable(snext), now);
            }
            if (r.idle.get(cpu)) {
                r.idle.clear(cpu);
                r.smtIdleClear(cpu, threadsPerCore);
            }
            long top = snext.credit;
            if (!r.runq.isEmpty()) {
                top = Math.max(top, r.runq.get(0).credit);
            }
            if (top <= 0) {
                resetCredit(r, now, snext, cpu);
                lb.balance(cpu, rqs, r, this::migrateable, Credit2Scheduler::runnable, this::migrate, now);
            }
            snext.startTime = now;
            snext.tickledCpu = -1;
            if (snext.v.processor != cpu) {
                snext.credit += MIGRATE_COMPENSATION;
                snext.v.processor = cpu;
            }
        } else {
            if (!r.idle.get(cpu)) {
                r.idle.set(cpu);
                r.smtIdleSet(cpu, threadsPerCore);
            }
            lb.updateLoad(cpu, r, null, 0, false, now); // keeps the average moving while idle
        }
        Vcpu next = snext == null ? ctx.idleVcpu(cpu) : snext.v;
        if (next != prev && ratelimitNs > RATELIMIT_TICKLE_TOLERANCE) {
            tickler.switched(cpu, now);
        }
        return decision.set(next, snext == null ? -1 : runtime(r, snext, now, next == prev));
    }

    /** {@code unit_is_migrateable}: not already asked to move, and allowed on some pCPU of {@code r}. */
    private boolean migrateable(Credit2Unit u, Credit2Runqueue r) {
        return u.migrateRqd == null && effectiveAffinity(u.v).intersects(r.active);
    }

    /**
     * {@code runq_candidate}: {@code scurr} within the rate limit (a RATELIMIT record, nothing else); otherwise the
     * first queued vCPU that may run here and beats {@code scurr} (or idle), with a RUNQ_CAND_CHECK record per queued
     * vCPU looked at and a RUNQ_CANDIDATE record of the choice (the idle unit's when it is null).
     *
     * @return the vCPU to run, or null for idle
     */
    private Credit2Unit runqCandidate(Credit2Runqueue r, Credit2Unit scurr, boolean prevRunnable, Vcpu prev, int cpu,
            long now) {
        if (scurr != null && ratelimitNs > 0 && prevRunnable && canRunOn(prev, cpu)
                && now - prev.stateEntryTime < ratelimitNs) {
            tr(cpu, TRC_RATELIMIT, unitDom(prev), (int) (now - prev.stateEntryTime));
            return scurr;
        }
        // if cpu is outside scurr's soft affinity and an idle, untickled pCPU of that soft affinity exists, let
        // scurr go (it will be tickled there) rather than keep it here
        boolean softAffPreempt = scurr != null && hasSoftAffinity(prev) && !prev.softAffinity.contains(cpu)
                && tickler.idleUntickledIn(r, prev.softAffinity, prev.hardAffinity);
        Credit2Unit snext = scurr != null && prevRunnable && canRunOn(prev, cpu) && !softAffPreempt ? scurr : null;
        long snextCredit = snext == null ? IDLE_CREDIT : snext.credit;
        for (int i = 0; i < r.runq.size(); i++) {
            Credit2Unit s = r.runq.get(i);
            tr(cpu, TRC_RUNQ_CAND_CHECK, unitDom(s.v));
            if (s.credit <= snextCredit) {
                break; // Xen's first test; no later vCPU (less credit) could be chosen either
            }
            if (!s.v.runnable()) {
                continue;
            }
            if (!s.v.hardAffinity.contains(cpu)) {
                continue;
            }
            if (s.tickledCpu != -1 && s.tickledCpu != cpu && r.tickled.get(s.tickledCpu)) {
                continue;
            }
            if (s.v.processor != cpu && snextCredit + MIGRATE_RESIST > s.credit) {
                continue;
            }
            if (hasCap(s) && !caps.grabBudget(s, cpu)) {
                if (!s.onRunq) {
                    i--; // parking took it off the run queue: the next one moved into its place
                }
                continue; // parked for lack of budget: Xen looks further
            }
            snext = s;
            break;
        }
        if (snext != null) {
            tr(cpu, TRC_RUNQ_CANDIDATE, unitDom(snext.v), snext.tickledCpu, (int) snext.credit);
        } else { // the idle unit: its credit is CSCHED2_IDLE_CREDIT and it is never tickled
            tr(cpu, TRC_RUNQ_CANDIDATE, unitDom(ctx.idleVcpu(cpu)), -1, (int) IDLE_CREDIT);
        }
        return snext;
    }

    private long runtime(Credit2Runqueue r, Credit2Unit snext, long now, boolean continuing) {
        long minTime = MIN_TIMER;
        if (ratelimitNs > 0) {
            long rl = ratelimitNs;
            if (continuing) {
                rl = snext.v.stateEntryTime + ratelimitNs - now;
            }
            minTime = Math.max(minTime, rl);
        }
        long rtCredit = snext.credit;
        if (!r.runq.isEmpty()) {
            Credit2Unit w = r.runq.get(0);
            if (w.credit > 0) {
                rtCredit = snext.credit - w.credit;
            }
        }
        long time = rtCredit > 0 ? c2t(r, rtCredit, snext) : 0;
        if (hasCap(snext)) {
            time = Math.min(time, snext.budget);
        }
        if (time < minTime) {
            time = minTime;
        } else if (time > MAX_TIMER) {
            time = MAX_TIMER;
        }
        return time;
    }

    @Override
    public void contextSaved(Vcpu prev) {
        Credit2Unit u = (Credit2Unit) prev.schedData;
        if (u == null) {
            return;
        }
        u.scheduled = false;
        long now = ctx.now();
        int cpu = prev.processor;
        if (hasCap(u) && u.budget > 0) {
            caps.returnBudget(u);
        }
        if (runnable(u) && !prev.isRunning && !u.onRunq) {
            // __CSFLAG_delayed_runq_add: back on the run queue, still counted in the load
            if (!canRunOn(prev, prev.processor) || !u.rqd.active.contains(prev.processor)) {
                // its affinity changed while it ran: Xen's vcpu_migrate (not runnable while migrating)
                subLoad(cpu, u, now);
                unitMigrate(u, pick(u), now);
                addLoad(u.v.processor, u, now);
            }
            runqInsert(u);
            tickler.tickle(u, now);
            return;
        }
        if (u.inLoad) {
            subLoad(cpu, u, now);
        }
        if (u.migrateRqd != null) {
            // sched_unit_migrate_finish after a balancer's request: csched2_res_pick honours it, then
            // csched2_unit_migrate, then the wake-up
            unitMigrate(u, pick(u), now);
            if (runnable(u) && !prev.isRunning && !u.onRunq) {
                enqueue(u, now);
            }
        }
    }

    @Override
    public void checkInvariants(int cpu, long now) {
        for (Credit2Runqueue r : rqs) {
            long last = Long.MAX_VALUE;
            for (Credit2Unit u : r.runq) {
                if (u.v.isRunning) {
                    throw new IllegalStateException("credit2: running " + u.v + " is on a runq");
                }
                if (u.credit > last) {
                    throw new IllegalStateException("credit2: runq " + r.id + " not sorted by credit");
                }
                if (u.credit < CREDIT_MIN) {
                    throw new IllegalStateException("credit2: " + u.v + " credit below CREDIT_MIN");
                }
                last = u.credit;
            }
            int counted = 0;
            for (Credit2Unit u : r.svc) {
                counted += u.inLoad ? 1 : 0;
                if (u.onRunq && !u.inLoad || u.avgload < 0) {
                    throw new IllegalStateException("credit2: " + u.v + " queued but not in the load, or avgload "
                            + u.avgload);
                }
            }
            if (counted != r.load || r.avgload < 0 || r.bAvgload < 0) {
                throw new IllegalStateException("credit2: runq " + r.id + " load " + r.load + " but " + counted
                        + " vCPUs counted; avgload " + r.avgload + ", b_avgload " + r.bAvgload);
            }
        }
    }

    /**
     * @param v a vCPU of this pool
     * @return its credit, ns
     */
    public long credit(Vcpu v) {
        return creditOf(v);
    }
}
