package org.xenwb.engine.core.sched;

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
 * <p>Simplifications: load balancing between run queues compares instantaneous run-queue loads (Xen uses decaying
 * averages) and moves at most one vCPU per reset, the run-queue choice ({@code csched2_res_pick}) ignores soft
 * affinity, and SMT-idle masks are not modelled. Soft affinity is used in tickling (idlers of the soft affinity
 * first, {@code tickle_score} bonuses) and in {@code runq_candidate} ({@code soft_aff_preempt}).</p>
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
    static final long BDGT_REPL_PERIOD = 10_000_000L;

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
    private long ratelimitNs = 1_000_000L;
    private final List<Credit2Runqueue> rqs = new ArrayList<>();
    private Credit2Runqueue[] cpuRqd;
    private final ScheduleDecision decision = new ScheduleDecision();
    private long resets;

    // TRC_CSCHED2_* event numbers of credit2.c
    static final int TRC_RUNQ_POS = 2;
    static final int TRC_CREDIT_BURN = 3;
    static final int TRC_TICKLE_CHECK = 5;
    static final int TRC_TICKLE = 6;
    static final int TRC_CREDIT_RESET = 7;
    static final int TRC_RUNQ_ASSIGN = 10;
    static final int TRC_TICKLE_NEW = 13;
    static final int TRC_LOAD_BALANCE = 17;
    static final int TRC_PICKED_CPU = 19;
    /**
     * Xen's default {@code credit2_load_precision_shift}: loads in the PICKED_CPU and LOAD_BALANCE records are
     * fixed-point numbers with this many fraction bits (the engine writes its instantaneous loads so).
     */
    static final int LOAD_PRECISION_SHIFT = 18;
    static final int TRC_RUNQ_CANDIDATE = 20;
    static final int TRC_SCHEDULE = 21;
    static final int TRC_RATELIMIT = 22;

    private void tr(int cpu, int event, int... words) {
        if (ctx.trace().enabled()) {
            ctx.trace().record(cpu, 1, event, words);
        }
    }

    private void tr(int cpu, int event, int a) {
        trWords(cpu, event, 1, a, 0, 0, 0);
    }

    private void tr(int cpu, int event, int a, int b) {
        trWords(cpu, event, 2, a, b, 0, 0);
    }

    private void tr(int cpu, int event, int a, int b, int c) {
        trWords(cpu, event, 3, a, b, c, 0);
    }

    private void tr(int cpu, int event, int a, int b, int c, int d) {
        trWords(cpu, event, 4, a, b, c, d);
    }

    private void trWords(int cpu, int event, int n, int a, int b, int c, int d) {
        SchedTrace t = ctx.trace();
        if (t.enabled()) {
            t.recordWords(cpu, 1, event, n, a, b, c, d);
        }
    }

    private static int unitDom(Vcpu v) {
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
        // cpu_add_to_runqueue: the first run queue of the same topology group (socket by default) that already
        // holds a sibling, or that has room (at most max_cpus_runq pCPUs, balanced over the online pCPUs) for
        // the pCPU and its siblings; otherwise a new run queue
        int online = ctx.host().nrCpus();
        int minRqs = (online - 1) / maxCpusRunqueue + 1;
        int maxPerRq = online / minRqs;
        int threads = ctx.host().threadsPerCore();
        java.util.Map<Credit2Runqueue, Integer> keys = new java.util.HashMap<>();
        for (int cpu : newCpus.toArray()) {
            int key = switch (arrangement) {
                case CPU -> cpu;
                case CORE -> ctx.host().coreOf(cpu);
                case SOCKET -> ctx.host().socketOf(cpu);
                case NODE -> ctx.host().nodeOf(cpu);
                case ALL -> 0;
            };
            Credit2Runqueue r = null;
            for (Credit2Runqueue q : rqs) {
                if (keys.get(q) != key) {
                    continue;
                }
                int cores = (int) q.active.stream().map(c -> c / threads).distinct().count();
                boolean sibling = q.active.stream().anyMatch(c -> c / threads == cpu / threads);
                if (sibling || q.active.size() < maxPerRq
                        && (arrangement == RunqueueArrangement.ALL || (cores + 1) * threads <= maxPerRq)) {
                    r = q;
                    break;
                }
            }
            if (r == null) {
                r = new Credit2Runqueue(rqs.size(), ctx.host().nrCpus());
                rqs.add(r);
                keys.put(r, key);
            }
            r.active = r.active.or(CpuSet.of(cpu));
            r.activeChanged();
            r.idle.set(cpu);
            r.smtIdle.set(cpu);
            cpuRqd[cpu] = r;
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
        cd.replTimer = ctx.newTimer(now -> replenish(cd, now));
        d.schedData = cd;
        updateCap(cd);
    }

    @Override
    public void removeDomain(Domain d) {
        super.removeDomain(d);
        ((Credit2Dom) d.schedData).replTimer.stop();
    }

    private void updateCap(Credit2Dom cd) {
        if (cd.d.cap == 0) {
            cd.replTimer.stop();
            cd.totBudget = 0;
            for (Credit2Unit u : new ArrayList<>(cd.parked)) {
                cd.parked.remove(u);
                ctx.setParked(u.v, false);
            }
            for (Vcpu v : cd.d.vcpus()) {
                if (v.schedData instanceof Credit2Unit u) {
                    u.budget = Long.MAX_VALUE;
                }
            }
            return;
        }
        cd.totBudget = BDGT_REPL_PERIOD * cd.d.cap / 100;
        cd.budget = cd.totBudget;
        cd.nextRepl = ctx.now() + BDGT_REPL_PERIOD;
        cd.replTimer.set(cd.nextRepl);
        for (Vcpu v : cd.d.vcpus()) {
            if (v.schedData instanceof Credit2Unit u) {
                u.budget = 0;
                u.budgetQuota = Math.max(cd.totBudget / Math.max(1, cd.nrUnits), MIN_TIMER);
            }
        }
    }

    @Override
    public void domainParamsChanged(Domain d) {
        Credit2Dom cd = (Credit2Dom) d.schedData;
        for (Credit2Runqueue r : rqs) {
            r.updateMax();
        }
        boolean capped = cd.totBudget != 0;
        if (capped != (d.cap != 0) || d.cap != 0) {
            updateCap(cd);
        }
    }

    private static boolean hasCap(Credit2Unit u) {
        return u.dom.totBudget != 0;
    }

    @Override
    public void insertVcpu(Vcpu v) {
        Credit2Dom cd = (Credit2Dom) v.domain().schedData;
        Credit2Unit u = new Credit2Unit(v, cd);
        v.schedData = u;
        cd.nrUnits++;
        if (cd.totBudget != 0) {
            u.budget = 0;
            u.budgetQuota = Math.max(cd.totBudget / cd.nrUnits, MIN_TIMER);
        }
        assign(u);
        if (v.runnable() && !v.isRunning) {
            runqInsert(u);
            tickle(u, ctx.now());
        }
    }

    /** {@code runq_assign} after {@code csched2_res_pick}: the least loaded run queue the vCPU may use. */
    private void assign(Credit2Unit u) {
        CpuSet aff = effectiveAffinity(u.v);
        Credit2Runqueue best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (Credit2Runqueue r : rqs) {
            if (!r.active.intersects(aff)) {
                continue;
            }
            int load = load(r);
            if (r.active.contains(u.v.processor) && aff.contains(u.v.processor)) {
                load -= 1; // prefer staying: like Xen's bias towards the current runqueue
            }
            if (load < bestLoad) {
                bestLoad = load;
                best = r;
            }
        }
        if (best == null) {
            best = rqs.get(0);
        }
        CpuSet where = best.active.and(aff);
        if (where.isEmpty()) {
            where = best.active;
        }
        if (!where.contains(u.v.processor)) {
            u.v.processor = where.cycleFrom(best.pickBias);
            best.pickBias = u.v.processor + 1;
        }
        if (ctx.trace().enabled()) {
            // csched2_res_pick's record: the chosen run queue's load (here the engine's instantaneous one)
            long avg = (long) load(best) << LOAD_PRECISION_SHIFT;
            tr(u.v.processor, TRC_PICKED_CPU, (int) avg, (int) (avg >>> 32), unitDom(u.v),
                    best.id | (u.v.processor << 16));
        }
        setRqd(u, best); // after the pick, as runq_assign follows csched2_res_pick in Xen
    }

    private void setRqd(Credit2Unit u, Credit2Runqueue r) {
        if (u.rqd == r) {
            return;
        }
        if (u.rqd != null) {
            u.rqd.svc.remove(u);
            u.rqd.updateMax();
        }
        u.rqd = r;
        r.svc.add(u);
        r.maxWeight = Math.max(r.maxWeight, u.weight());
        tr(u.v.processor, TRC_RUNQ_ASSIGN, unitDom(u.v), r.id);
    }

    private static int load(Credit2Runqueue r) {
        int n = r.runq.size();
        for (Credit2Unit u : r.svc) {
            if (u.v.isRunning) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void removeVcpu(Vcpu v) {
        Credit2Unit u = (Credit2Unit) v.schedData;
        if (u.onRunq) {
            runqRemove(u);
        }
        u.dom.parked.remove(u);
        if (u.rqd != null) {
            u.rqd.svc.remove(u);
            u.rqd.updateMax();
        }
        u.dom.nrUnits--;
        v.schedData = null;
    }

    @Override
    public void sleep(Vcpu v) {
        Credit2Unit u = (Credit2Unit) v.schedData;
        if (u.onRunq) {
            runqRemove(u);
        }
    }

    @Override
    public void wake(Vcpu v) {
        Credit2Unit u = (Credit2Unit) v.schedData;
        if (v.isRunning || u.onRunq) {
            return;
        }
        if (!canRunOn(v, v.processor) || !u.rqd.active.contains(v.processor)) {
            assign(u);
        }
        runqInsert(u);
        tickle(u, ctx.now());
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
        if (u.onRunq) {
            runqRemove(u);
            assign(u);
            runqInsert(u);
            tickle(u, ctx.now());
        } else {
            assign(u);
        }
    }

    private void runqInsert(Credit2Unit u) {
        List<Credit2Unit> q = u.rqd.runq;
        int i = 0;
        while (i < q.size() && q.get(i).credit >= u.credit) {
            i++;
        }
        q.add(i, u);
        u.onRunq = true;
        tr(u.v.processor, TRC_RUNQ_POS, unitDom(u.v), i);
    }

    private void runqRemove(Credit2Unit u) {
        u.rqd.runq.remove(u);
        u.onRunq = false;
    }

    private void burnCredits(Credit2Unit u, long now) {
        long delta = now - u.startTime;
        if (delta <= 0) {
            return;
        }
        int maxW = u.rqd.maxWeight();
        int w = u.weight();
        u.credit -= maxW == w ? delta : delta * maxW / w; // the same value; most vCPUs have the top weight
        if (u.credit < CREDIT_MIN) {
            u.credit = CREDIT_MIN;
        }
        if (hasCap(u)) {
            u.budget -= delta;
        }
        u.startTime = now;
        tr(u.v.processor, TRC_CREDIT_BURN, unitDom(u.v), (int) u.credit,
                hasCap(u) ? (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, u.budget))
                        : Integer.MIN_VALUE, (int) delta);
    }

    private long c2t(Credit2Runqueue r, long credit, Credit2Unit u) {
        return credit * u.weight() / r.maxWeight();
    }

    private long creditOf(Vcpu v) {
        return v.isIdle() ? IDLE_CREDIT : ((Credit2Unit) v.schedData).credit;
    }

    private boolean preemptable(Vcpu cur, long now) {
        if (ratelimitNs == 0) {
            return true;
        }
        return now - cur.stateEntryTime >= ratelimitNs - RATELIMIT_TICKLE_TOLERANCE;
    }

    /** {@code runq_tickle}. */
    private void tickle(Credit2Unit nu, long now) {
        Credit2Runqueue r = nu.rqd;
        int cpu = nu.v.processor;
        tr(cpu, TRC_TICKLE_NEW, unitDom(nu.v), cpu, (int) nu.credit);
        CpuSet hard = nu.v.hardAffinity;
        int[] active = r.activeArray();
        int n = active.length;
        int start = 0;
        while (start < n && active[start] < cpu) {
            start++;
        }
        int ipid = -1;
        // idle, not yet tickled pCPUs first (soft-affine ones first when the vCPU has a soft affinity),
        // preferring the one the vCPU was on
        boolean soft = hasSoftAffinity(nu.v);
        for (int step = soft ? 0 : 1; step < 2 && ipid < 0; step++) {
            CpuSet mask = step == 0 ? nu.v.softAffinity : hard;
            // a core whose threads are all idle first (rqd->smt_idle), then any idle thread
            if (mask.contains(cpu) && hard.contains(cpu) && r.smtIdle.get(cpu) && r.active.contains(cpu)) {
                ipid = cpu;
                break;
            }
            for (int k = 0; k < n; k++) {
                int c = active[start + k < n ? start + k : start + k - n];
                if (r.smtIdle.get(c) && hard.contains(c) && mask.contains(c)) {
                    ipid = c;
                    break;
                }
            }
            if (ipid >= 0) {
                break;
            }
            if (mask.contains(cpu) && hard.contains(cpu) && r.idle.get(cpu) && !r.tickled.get(cpu)
                    && r.active.contains(cpu)) {
                ipid = cpu;
                break;
            }
            for (int k = 0; k < n; k++) {
                int c = active[start + k < n ? start + k : start + k - n];
                if (r.idle.get(c) && !r.tickled.get(c) && hard.contains(c) && mask.contains(c)) {
                    ipid = c;
                    break;
                }
            }
        }
        if (ipid < 0) {
            long max = 0;
            for (int k = 0; k < n; k++) {
                int c = active[start + k < n ? start + k : start + k - n];
                if (r.idle.get(c) || r.tickled.get(c) || !hard.contains(c)) {
                    continue;
                }
                Vcpu cur = ctx.curr(c);
                if (cur.isIdle() || !preemptable(cur, now)) {
                    continue;
                }
                Credit2Unit cu = (Credit2Unit) cur.schedData;
                burnCredits(cu, now);
                long score = nu.credit - cu.credit;
                if (c != nu.v.processor) {
                    score -= MIGRATE_RESIST;
                }
                // tickle_score's soft-affinity bonuses
                if (score > 0) {
                    if (nu.v.softAffinity.contains(c)) {
                        score += CREDIT_INIT;
                    }
                    if (!cur.softAffinity.contains(c)) {
                        score += CREDIT_INIT;
                    }
                }
                tr(cpu, TRC_TICKLE_CHECK, unitDom(cur), (int) cu.credit, (int) score);
                if (score > max) {
                    max = score;
                    ipid = c;
                    if (c == cpu && nu.v.softAffinity.contains(c)) {
                        break; // its own pCPU, in its soft affinity: just take it
                    }
                }
            }
        }
        if (ipid < 0) {
            return;
        }
        tr(cpu, TRC_TICKLE, ipid);
        r.tickled.set(ipid);
        smtIdleClear(r, ipid);
        nu.tickledCpu = ipid;
        ctx.tickle(ipid);
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

    private void resetCredit(Credit2Runqueue r, long now, Credit2Unit snext) {
        long reset = CREDIT_INIT;
        if (snext.credit == CREDIT_MIN) {
            reset += CREDIT_INIT;
        }
        resets++;
        for (Credit2Unit u : r.svc) {
            if (u.v.isRunning && ctx.curr(u.v.processor) == u.v) {
                burnCredits(u, now);
                if (hasCap(u) && u.budget <= 0) {
                    ctx.tickle(u.v.processor);
                }
            }
            long start = u.credit;
            u.credit += reset;
            if (u.credit > CREDIT_INIT + CARRYOVER_MAX) {
                u.credit = CREDIT_INIT + CARRYOVER_MAX;
            }
            u.startTime = now;
            tr(u.v.processor, TRC_CREDIT_RESET, unitDom(u.v), (int) start, (int) u.credit);
        }
    }

    private boolean grabBudget(Credit2Unit u) {
        if (u.budget > 0) {
            return true;
        }
        Credit2Dom cd = u.dom;
        cd.budget += u.budget;
        if (cd.budget > 0) {
            long b = Math.min(cd.budget, u.budgetQuota);
            u.budget = b;
            cd.budget -= b;
        } else {
            u.budget = 0;
            if (!cd.parked.contains(u)) {
                cd.parked.add(u);
            }
            ctx.setParked(u.v, true);
        }
        return u.budget > 0;
    }

    private void returnBudget(Credit2Unit u) {
        Credit2Dom cd = u.dom;
        cd.budget += u.budget;
        u.budget = 0;
        if (cd.budget > 0) {
            unparkAll(cd);
        }
    }

    private void unparkAll(Credit2Dom cd) {
        List<Credit2Unit> list = new ArrayList<>(cd.parked);
        cd.parked.clear();
        for (Credit2Unit u : list) {
            ctx.setParked(u.v, false);
        }
    }

    private void replenish(Credit2Dom cd, long now) {
        cd.nextRepl += BDGT_REPL_PERIOD;
        cd.budget += cd.totBudget;
        while (cd.nextRepl <= now) {
            cd.nextRepl += BDGT_REPL_PERIOD;
            cd.budget += cd.totBudget;
        }
        if (cd.budget > 0) {
            cd.budget = Math.min(cd.budget, cd.totBudget);
            unparkAll(cd);
        }
        cd.replTimer.set(cd.nextRepl);
    }

    @Override
    public ScheduleDecision doSchedule(int cpu, long now, Vcpu prev) {
        Credit2Runqueue r = cpuRqd[cpu];
        boolean wasTickled = r.tickled.get(cpu);
        r.tickled.clear(cpu);
        tr(cpu, TRC_SCHEDULE, (cpu & 0xffff) | (r.id << 16),
                ((prev.isIdle() ? 1 : 0) << 8) | ((wasTickled ? 1 : 0) << 24));
        Credit2Unit scurr = prev.isIdle() ? null : (Credit2Unit) prev.schedData;
        if (scurr != null) {
            burnCredits(scurr, now);
            if (hasCap(scurr) && scurr.budget <= 0 && prev.runnable()) {
                grabBudget(scurr);
            }
        }
        Credit2Unit snext = runqCandidate(r, scurr, prev, cpu, now);
        if (snext != null) {
            tr(cpu, TRC_RUNQ_CANDIDATE, unitDom(snext.v), snext.tickledCpu, (int) snext.credit);
        }
        if (snext != null) {
            if (snext != scurr) {
                runqRemove(snext);
            }
            r.idle.clear(cpu);
            smtIdleClear(r, cpu);
            long top = snext.credit;
            if (!r.runq.isEmpty()) {
                top = Math.max(top, r.runq.get(0).credit);
            }
            if (top <= 0) {
                resetCredit(r, now, snext);
                balanceLoad(r);
            }
            snext.startTime = now;
            snext.tickledCpu = -1;
            if (snext.v.processor != cpu) {
                snext.credit += MIGRATE_COMPENSATION;
                snext.v.processor = cpu;
            }
        } else {
            r.idle.set(cpu);
            smtIdleSet(r, cpu);
        }
        Vcpu next = snext == null ? ctx.idleVcpu(cpu) : snext.v;
        return decision.set(next, snext == null ? -1 : runtime(r, snext, now, next == prev));
    }

    /** {@code smt_idle_mask_set}: when every thread of cpu's core is idle and untickled, the core joins. */
    private void smtIdleSet(Credit2Runqueue r, int cpu) {
        int t = ctx.host().threadsPerCore();
        int first = cpu - cpu % t;
        for (int s = first; s < first + t; s++) {
            if (!r.idle.get(s) || r.tickled.get(s)) {
                return;
            }
        }
        for (int s = first; s < first + t; s++) {
            r.smtIdle.set(s);
        }
    }

    /** {@code smt_idle_mask_clear}: cpu's core is no longer fully idle. */
    private void smtIdleClear(Credit2Runqueue r, int cpu) {
        int t = ctx.host().threadsPerCore();
        int first = cpu - cpu % t;
        for (int s = first; s < first + t; s++) {
            r.smtIdle.clear(s);
        }
    }

    private Credit2Unit runqCandidate(Credit2Runqueue r, Credit2Unit scurr, Vcpu prev, int cpu, long now) {
        if (scurr != null && ratelimitNs > 0 && prev.runnable() && canRunOn(prev, cpu)
                && now - prev.stateEntryTime < ratelimitNs) {
            tr(cpu, TRC_RATELIMIT, unitDom(prev), (int) (now - prev.stateEntryTime));
            return scurr;
        }
        // if cpu is outside scurr's soft affinity and an idle, untickled pCPU of that soft affinity exists, let
        // scurr go (it will be tickled there) rather than keep it here
        boolean softAffPreempt = scurr != null && hasSoftAffinity(prev) && !prev.softAffinity.contains(cpu)
                && idleUntickledIn(r, prev.softAffinity.and(prev.hardAffinity));
        Credit2Unit snext = scurr != null && prev.runnable() && canRunOn(prev, cpu) && !softAffPreempt ? scurr : null;
        long snextCredit = snext == null ? IDLE_CREDIT : snext.credit;
        for (int i = 0; i < r.runq.size(); i++) {
            Credit2Unit s = r.runq.get(i);
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
            if (s.credit > snextCredit && (!hasCap(s) || grabBudget(s))) {
                snext = s;
            }
            break;
        }
        return snext;
    }

    private boolean idleUntickledIn(Credit2Runqueue r, CpuSet mask) {
        for (int c : r.activeArray()) {
            if (mask.contains(c) && r.idle.get(c) && !r.tickled.get(c)) {
                return true;
            }
        }
        return false;
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

    /** Simplified {@code balance_load}: pull one queued vCPU from a run queue with at least 2 more runnable. */
    private void balanceLoad(Credit2Runqueue r) {
        if (rqs.size() < 2) {
            return;
        }
        int mine = load(r);
        Credit2Runqueue busiest = null;
        int max = mine + 1;
        for (Credit2Runqueue o : rqs) {
            int l = load(o);
            if (o != r && l > max) {
                max = l;
                busiest = o;
            }
        }
        if (busiest == null) {
            return;
        }
        if (ctx.trace().enabled()) {
            long lb = (long) mine << LOAD_PRECISION_SHIFT;
            long ob = (long) max << LOAD_PRECISION_SHIFT;
            tr(r.active.first(), TRC_LOAD_BALANCE, (int) lb, (int) (lb >>> 32), (int) ob, (int) (ob >>> 32),
                    r.id | (busiest.id << 16));
        }
        for (Credit2Unit u : new ArrayList<>(busiest.runq)) {
            if (!u.v.isRunning && u.v.hardAffinity.intersects(r.active)) {
                runqRemove(u);
                setRqd(u, r);
                u.v.processor = r.active.and(u.v.hardAffinity).cycleFrom(r.pickBias);
                runqInsert(u);
                tickle(u, ctx.now());
                return;
            }
        }
    }

    @Override
    public void contextSaved(Vcpu prev) {
        Credit2Unit u = (Credit2Unit) prev.schedData;
        if (u == null) {
            return;
        }
        if (hasCap(u) && u.budget > 0) {
            returnBudget(u);
        }
        if (prev.runnable() && !prev.isRunning && !u.onRunq) {
            if (!canRunOn(prev, prev.processor) || !u.rqd.active.contains(prev.processor)) {
                assign(u);
            }
            runqInsert(u);
            tickle(u, ctx.now());
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
