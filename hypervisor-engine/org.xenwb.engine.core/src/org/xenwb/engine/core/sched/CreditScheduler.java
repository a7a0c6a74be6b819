package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.xenwb.engine.core.model.CpuMask;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;

/**
 * The credit scheduler, following Xen 4.17's {@code sched/credit.c}: per-pCPU run queues ordered by priority
 * (BOOST 0, UNDER -1, OVER -2, IDLE -64), credits earned every accounting period (the 30 ms timeslice) in
 * proportion to domain weights and burnt at 10 credits per ms of running, a 10 ms tick, BOOST on wake-up, caps
 * by parking, 1 ms rate limit, idlers tickled on wake-up and work stealing when the next local vCPU is OVER or
 * idle.
 *
 * <p>Placement on insert and affinity moves, and the tick's {@code migrate_running} check, use Xen's
 * {@code _csched_cpu_pick} ({@link CreditCpuPick}: idle cores before idle SMT siblings, another socket only when it
 * is more than twice as idle). Simplifications (documented so results are read honestly): the per-pCPU runq sort
 * happens at accounting time rather than at the next tick; there is no migration delay; a vCPU whose hard affinity
 * moves it is boosted on its next wake-up as after a block (Xen skips the boost for migrations).</p>
 */
public final class CreditScheduler extends Scheduler {

    static final int PRI_BOOST = 0;
    static final int PRI_UNDER = -1;
    static final int PRI_OVER = -2;
    static final int PRI_IDLE = -64;
    static final int CREDITS_PER_MSEC = 10;
    static final int TICKS_PER_TSLICE = 3;
    static final long MSEC = 1_000_000L;
    /** {@code XEN_SYSCTL_SCHED_RATELIMIT_MIN}: 100 us. */
    static final long MIN_TIMER = 100_000L;

    private long tsliceNs = 30 * MSEC;
    private long ratelimitNs = 1_000_000L;
    private int creditsPerTslice = CREDITS_PER_MSEC * 30;
    private long tickPeriodNs = 10 * MSEC;

    /** Per-vCPU state ({@code struct csched_unit}). */
    static final class CUnit {
        final Vcpu v;
        final CDom dom;
        int credit;
        int pri = PRI_UNDER;
        boolean onRunq;
        boolean active;
        boolean parkedFlag;
        boolean yield;
        /** Set by the tick when a better pCPU exists ({@code _VPF_migrating}); -1 otherwise. */
        int migrateTo = -1;
        long startTime;
        long residual;

        CUnit(Vcpu v, CDom dom) {
            this.v = v;
            this.dom = dom;
        }
    }

    /** Per-domain state ({@code struct csched_dom}). */
    static final class CDom {
        final Domain d;
        final List<CUnit> activeUnits = new ArrayList<>();
        boolean active;

        CDom(Domain d) {
            this.d = d;
        }
    }

    /** Per-pCPU state ({@code struct csched_pcpu}). */
    private final class CPcpu {
        final int cpu;
        final List<CUnit> runq = new ArrayList<>();
        SchedContext.Timer ticker;

        CPcpu(int cpu) {
            this.cpu = cpu;
        }
    }

    private CPcpu[] pcpus;
    private final List<CDom> activeDoms = new ArrayList<>();
    private long weightTotal;
    private int creditBalance;
    /** {@code prv->idlers}: pCPUs of the pool running their idle vCPU and not tickled since. */
    private CpuMask idlers = new CpuMask(0);
    private CreditCpuPick picker;
    /** {@code prv->balance_bias}: per NUMA node, the pCPU last stolen from. */
    private int[] balanceBias;
    /** Each NUMA node's pCPUs (of the host). */
    private CpuSet[] nodeCpus;
    /** Scratch mask of {@link #stealFromNode}: the node's busy peers; sized in {@link #init}. */
    private CpuMask workers;
    /**
     * Xen's per-pCPU {@code last_tickle_cpu}: for each pCPU, the idler it tickled last (each pCPU that tickles
     * cycles through the idlers from its own last choice).
     */
    private int[] lastTickle = new int[0];
    private SchedContext.Timer master;
    /**
     * {@code prv->master}: the pCPU whose timer runs the accounting (the pool's first pCPU; the lowest remaining one
     * when it leaves), or -1 without pCPUs; the accounting's records go to its trace buffer.
     */
    private int masterCpu = -1;
    private final ScheduleDecision decision = new ScheduleDecision();

    // TRC_CSCHED_* event numbers of credit.c
    static final int TRC_ACCOUNT_START = 2;
    static final int TRC_ACCOUNT_STOP = 3;
    static final int TRC_STOLEN_UNIT = 4;
    static final int TRC_PICKED_CPU = 5;
    static final int TRC_TICKLE = 6;
    static final int TRC_BOOST_START = 7;
    static final int TRC_BOOST_END = 8;
    static final int TRC_SCHEDULE = 9;
    static final int TRC_RATELIMIT = 10;
    static final int TRC_STEAL_CHECK = 11;

    @Override
    protected int traceClass() {
        return 0;
    }

    private static int unitDom(Vcpu v) {
        return (v.id() & 0xffff) | (v.domain().id() << 16);
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.CREDIT;
    }

    @Override
    public void init(SchedContext context) {
        super.init(context);
        int n = context.host().nrCpus();
        pcpus = new CPcpu[n];
        idlers = new CpuMask(n);
        picker = new CreditCpuPick(context.host());
        balanceBias = new int[context.host().numaNodes()];
        nodeCpus = new CpuSet[context.host().numaNodes()];
        for (int node = 0; node < nodeCpus.length; node++) {
            int nodeIndex = node;
            nodeCpus[node] = CpuSet.of(IntStream.range(0, n).filter(i -> context.host().nodeOf(i) == nodeIndex)
                    .toArray());
        }
        workers = new CpuMask(n);
        for (int i = 0; i < n; i++) {
            CPcpu p = new CPcpu(i);
            int cpu = i;
            p.ticker = context.newTimer(now -> tick(cpu, now));
            pcpus[i] = p;
        }
        master = context.newTimer(this::acct);
        lastTickle = new int[n];
    }

    /**
     * Sets the pool-wide parameters, as {@code xl sched-credit -s -t T -r R}.
     *
     * @param tsliceMs timeslice in ms (1..1000)
     * @param ratelimitUs rate limit in us (0 or 100..500000), capped at the timeslice as Xen does
     */
    public void setParams(int tsliceMs, int ratelimitUs) {
        if (tsliceMs < 1 || tsliceMs > 1000) {
            throw new IllegalArgumentException("tslice must be 1..1000 ms");
        }
        if (ratelimitUs != 0 && (ratelimitUs < 100 || ratelimitUs > 500_000)) {
            throw new IllegalArgumentException("ratelimit must be 0 or 100..500000 us");
        }
        tsliceNs = tsliceMs * MSEC;
        creditsPerTslice = CREDITS_PER_MSEC * tsliceMs;
        tickPeriodNs = tsliceNs / TICKS_PER_TSLICE;
        ratelimitNs = Math.min(ratelimitUs * 1000L, tsliceNs);
    }

    /** @return the timeslice, ms */
    public int tsliceMs() {
        return (int) (tsliceNs / MSEC);
    }

    /** @return the rate limit, us */
    public int ratelimitUs() {
        return (int) (ratelimitNs / 1000);
    }

    @Override
    public String poolParams() {
        return "tslice=" + tsliceMs() + "ms ratelimit=" + ratelimitUs() + "us migration-delay=0us";
    }

    @Override
    public void setCpus(CpuSet newCpus) {
        super.setCpus(newCpus);
        idlers.retainAll(newCpus);
        if (newCpus.isEmpty()) {
            masterCpu = -1;
            master.stop(); // Xen kills the accounting timer when the pool's last pCPU leaves
        } else if (masterCpu < 0 || !newCpus.contains(masterCpu)) {
            masterCpu = newCpus.first();
        }
        if (!newCpus.isEmpty() && !master.active()) {
            master.set(ctx.now() + tsliceNs);
        }
    }

    @Override
    public void insertDomain(Domain d) {
        super.insertDomain(d);
        d.schedData = new CDom(d);
    }

    @Override
    public void removeDomain(Domain d) {
        super.removeDomain(d);
        CDom cd = (CDom) d.schedData;
        if (cd.active) {
            activeDoms.remove(cd);
            cd.active = false;
        }
    }

    @Override
    public void insertVcpu(Vcpu v) {
        CUnit u = new CUnit(v, (CDom) v.domain().schedData);
        v.schedData = u;
        v.processor = pickCpu(v, true, -1);
        if (v.runnable() && !v.isRunning) {
            runqInsert(u);
            tickle(u, v.processor);
        }
    }

    @Override
    public void removeVcpu(Vcpu v) {
        CUnit u = (CUnit) v.schedData;
        if (u.onRunq) {
            runqRemove(u);
        }
        if (u.active) {
            acctStop(u, v.processor);
        }
        v.schedData = null;
    }

    @Override
    public void sleep(Vcpu v) {
        CUnit u = (CUnit) v.schedData;
        if (u.onRunq) {
            runqRemove(u);
        }
    }

    @Override
    public void wake(Vcpu v) {
        CUnit u = (CUnit) v.schedData;
        if (v.isRunning || u.onRunq) {
            return;
        }
        int here = v.processor; // the pCPU doing the wake-up (its WAKE record is there)
        if (!canRunOn(v, v.processor)) {
            v.processor = pickCpu(v, true, here);
        }
        if (u.pri == PRI_UNDER && !u.parkedFlag) {
            u.pri = PRI_BOOST;
            tr(here, TRC_BOOST_START, v.domain().id(), v.id());
        }
        runqInsert(u);
        tickle(u, here);
    }

    /**
     * {@code _csched_cpu_pick} ({@link CreditCpuPick}) with its PICKED_CPU record.
     *
     * @param v the vCPU
     * @param commit true for a placement ({@code csched_res_pick}), false for the tick's check
     * @param here the pCPU running the code, whose trace buffer gets the record; -1 for the chosen one (a vCPU
     *     joining the pool, which has no pCPU yet)
     * @return the pCPU
     */
    private int pickCpu(Vcpu v, boolean commit, int here) {
        int from = v.processor;
        boolean runqIdle = from < 0 || from >= pcpus.length || pcpus[from].runq.isEmpty();
        int cpu = picker.pick(v, cpus, effectiveAffinity(v), Credit2Scheduler.hasSoftAffinity(v), idlers, runqIdle,
                commit);
        tr(here < 0 ? cpu : here, TRC_PICKED_CPU, v.domain().id(), v.id(), cpu);
        return cpu;
    }

    /**
     * @param on Xen's {@code sched_smt_power_savings} boot option: consolidate work on SMT siblings rather than
     *     spread it over idle cores (default off, as in Xen)
     */
    public void setSmtPowerSavings(boolean on) {
        picker.setSmtPowerSavings(on);
    }

    private void runqInsert(CUnit u) {
        List<CUnit> q = pcpus[u.v.processor].runq;
        int i = 0;
        while (i < q.size() && q.get(i).pri >= u.pri) {
            i++;
        }
        // a yielding vCPU goes behind one more of its peers (Xen: "skip one" in __runq_insert)
        if (u.yield && i < q.size()) {
            i++;
        }
        q.add(i, u);
        u.onRunq = true;
    }

    private void runqRemove(CUnit u) {
        pcpus[u.v.processor].runq.remove(u);
        u.onRunq = false;
    }

    private int curPri(int cpu) {
        Vcpu c = ctx.curr(cpu);
        return c.isIdle() ? PRI_IDLE : ((CUnit) c.schedData).pri;
    }

    /**
     * {@code __runq_tickle}: if the vCPU's pCPU is idle, or no pCPU is idle and the new vCPU has a higher priority,
     * tickle that pCPU; otherwise wake one idler in the new vCPU's affinity, and only if there is none, preempt the
     * pCPU when the new vCPU has a higher priority.
     */
    private void tickle(CUnit u, int here) {
        int cpu = u.v.processor;
        int cur = curPri(cpu);
        boolean anyIdle = idlers.cycleFrom(0, cpus, null, null) >= 0;
        if (cur == PRI_IDLE || (!anyIdle && u.pri > cur)) {
            tickleCpu(cpu, here);
            return;
        }
        if (anyIdle) {
            // balance steps: idlers in the soft affinity first (when it is useful), then in the hard affinity
            int t = -1;
            if (Credit2Scheduler.hasSoftAffinity(u.v)) {
                t = idlers.cycleFrom(lastTickle[here] + 1, cpus, u.v.softAffinity, u.v.hardAffinity);
            }
            if (t < 0) {
                t = idlers.cycleFrom(lastTickle[here] + 1, cpus, u.v.hardAffinity, null);
            }
            if (t >= 0) {
                lastTickle[here] = t;
                tickleCpu(t, here);
            } else if (u.pri > cur) {
                tickleCpu(cpu, here);
            }
        }
    }

    /** Tickles {@code cpu}; the TICKLE record goes to {@code here}, the pCPU doing the tickling, as in Xen. */
    private void tickleCpu(int cpu, int here) {
        tr(here, TRC_TICKLE, cpu);
        idlers.clear(cpu);
        ctx.tickle(cpu);
    }

    private void burnCredits(CUnit u, long now) {
        long delta = now - u.startTime;
        if (delta <= 0) {
            return;
        }
        long val = delta * CREDITS_PER_MSEC + u.residual;
        u.residual = val % MSEC;
        long credits = val / MSEC;
        u.credit -= (int) credits;
        u.startTime += credits * MSEC / CREDITS_PER_MSEC;
    }

    private void acctStart(CUnit u) {
        CDom cd = u.dom;
        u.active = true;
        cd.activeUnits.add(u);
        tr(u.v.processor, TRC_ACCOUNT_START, cd.d.id(), u.v.id(), cd.activeUnits.size());
        weightTotal += cd.d.weight;
        if (!cd.active) {
            cd.active = true;
            activeDoms.add(cd);
        }
    }

    /** @param here the pCPU running the code (the accounting's master pCPU, or the vCPU's on removal) */
    private void acctStop(CUnit u, int here) {
        CDom cd = u.dom;
        u.active = false;
        cd.activeUnits.remove(u);
        tr(here, TRC_ACCOUNT_STOP, cd.d.id(), u.v.id(), cd.activeUnits.size());
        weightTotal -= cd.d.weight;
        if (cd.activeUnits.isEmpty() && cd.active) {
            cd.active = false;
            activeDoms.remove(cd);
        }
    }

    @Override
    public void domainParamsChanged(Domain d) {
        CDom cd = (CDom) d.schedData;
        // keep prv->weight consistent with the new weight, as csched_dom_cntl does
        weightTotal = 0;
        for (CDom a : activeDoms) {
            weightTotal += (long) a.d.weight * a.activeUnits.size();
        }
        if (d.cap == 0) {
            for (Vcpu v : d.vcpus()) {
                CUnit u = (CUnit) v.schedData;
                if (u != null && u.parkedFlag) {
                    u.parkedFlag = false;
                    ctx.parkByPause(v, false);
                }
            }
        }
        if (cd == null) {
            throw new IllegalStateException("domain not in pool");
        }
    }

    /** {@code csched_tick}: account the running vCPU every tick period. */
    private void tick(int cpu, long now) {
        Vcpu c = ctx.curr(cpu);
        if (!c.isIdle() && c.schedData instanceof CUnit u) {
            if (u.pri == PRI_BOOST) {
                u.pri = PRI_UNDER;
                tr(cpu, TRC_BOOST_END, c.domain().id(), c.id());
            }
            burnCredits(u, now);
            if (!u.active) {
                acctStart(u);
            } else if (u.migrateTo < 0) {
                // csched_unit_acct: would it be better off elsewhere (an idle core, an idler of its soft
                // affinity, a much idler socket)? Then _VPF_migrating and a reschedule here
                int better = pickCpu(c, false, cpu);
                if (better != cpu) {
                    u.migrateTo = better;
                    ctx.tickle(cpu);
                }
            }
        }
        pcpus[cpu].ticker.set(now + tickPeriodNs);
    }

    /** {@code csched_acct}: distribute credits to active domains in proportion to their weights. */
    private void acct(long now) {
        master.set(now + tsliceNs);
        if (activeDoms.isEmpty() || weightTotal == 0) {
            return;
        }
        long creditTotal = (long) creditsPerTslice * cpus.size();
        if (creditBalance < 0) {
            creditTotal -= creditBalance;
        }
        long weightLeft = weightTotal;
        int balance = 0;
        boolean xtra = false;
        List<CDom> order = new ArrayList<>(activeDoms);
        for (CDom cd : order) {
            int n = cd.activeUnits.size();
            long w = (long) cd.d.weight * n;
            weightLeft -= w;
            long peak = (long) n * creditsPerTslice;
            if (creditBalance < 0) {
                peak += (-(long) creditBalance * w + (weightTotal - 1)) / weightTotal;
            }
            long capCredit = 0;
            if (cd.d.cap != 0) {
                capCredit = ((long) cd.d.cap * creditsPerTslice + 99) / 100;
                if (capCredit < peak) {
                    peak = capCredit;
                }
                capCredit = (capCredit + (n - 1)) / n;
            }
            long fair = (creditTotal * w + (weightTotal - 1)) / weightTotal;
            if (fair < peak) {
                xtra = true;
            } else {
                if (weightLeft != 0) {
                    creditTotal += ((fair - peak) * weightTotal + (weightLeft - 1)) / weightLeft;
                }
                if (xtra) {
                    activeDoms.remove(cd);
                    activeDoms.add(0, cd);
                }
                fair = peak;
            }
            fair = (fair + (n - 1)) / n;
            for (CUnit u : new ArrayList<>(cd.activeUnits)) {
                u.credit += (int) fair;
                int credit = u.credit;
                if (credit < 0) {
                    u.pri = PRI_OVER;
                    if (cd.d.cap != 0 && credit < -capCredit && !u.parkedFlag) {
                        u.parkedFlag = true;
                        ctx.parkByPause(u.v, true);
                    }
                    if (credit < -creditsPerTslice) {
                        u.credit = -creditsPerTslice;
                    }
                } else {
                    u.pri = PRI_UNDER;
                    if (u.parkedFlag) {
                        ctx.parkByPause(u.v, false);
                        u.parkedFlag = false;
                    }
                    if (credit > creditsPerTslice) {
                        acctStop(u, masterCpu);
                        u.credit = credit / 2;
                    }
                }
                balance += u.credit;
            }
        }
        creditBalance = balance;
        for (int cpu : cpus.toArray()) {
            pcpus[cpu].runq.sort(Comparator.comparingInt((CUnit u) -> -u.pri));
        }
    }

    @Override
    public ScheduleDecision doSchedule(int cpu, long now, Vcpu prev) {
        CPcpu pc = pcpus[cpu];
        tr(cpu, TRC_SCHEDULE, (cpu & 0xffff) | ((prev.isIdle() ? 1 : 0) << 24));
        long runtime = Math.max(0, now - prev.stateEntryTime);
        CUnit scurr = prev.isIdle() ? null : (CUnit) prev.schedData;
        if (scurr != null) {
            burnCredits(scurr, now);
        }
        if (scurr != null && !scurr.yield && scurr.migrateTo < 0 && ratelimitNs > 0 && prev.runnable()
                && runtime < ratelimitNs && canRunOn(prev, cpu)) {
            long slice = ratelimitNs - runtime;
            if (runtime < MIN_TIMER) {
                slice = MIN_TIMER;
            }
            tr(cpu, TRC_RATELIMIT, unitDom(prev), (int) runtime);
            return decision.set(prev, slice);
        }
        if (scurr != null && scurr.migrateTo >= 0 && prev.runnable()) {
            // _VPF_migrating: vcpu_migrate_finish picks the pCPU again (csched_res_pick, committing the idle
            // bias); requeue there and let it pick the vCPU up
            prev.processor = pickCpu(prev, true, cpu);
            scurr.migrateTo = -1;
            runqInsert(scurr);
            tickle(scurr, cpu);
        } else if (scurr != null && prev.runnable() && canRunOn(prev, cpu)) {
            runqInsert(scurr);
        } else if (scurr != null && prev.runnable()) {
            // hard affinity no longer includes this pCPU: requeue where it may run
            prev.processor = pickCpu(prev, true, cpu);
            runqInsert(scurr);
            tickle(scurr, cpu);
        }
        if (scurr != null) {
            scurr.yield = false;
            scurr.migrateTo = -1;
        }
        CUnit snext = pc.runq.isEmpty() ? null : pc.runq.get(0);
        int snextPri = snext == null ? PRI_IDLE : snext.pri;
        if (snextPri > PRI_OVER) {
            runqRemove(snext);
        } else {
            CUnit stolen = loadBalance(cpu, snextPri);
            if (stolen != null) {
                snext = stolen;
            } else if (snext != null) {
                runqRemove(snext);
            }
        }
        Vcpu next = snext == null ? ctx.idleVcpu(cpu) : snext.v;
        if (snext == null) {
            idlers.set(cpu);
        } else {
            idlers.clear(cpu);
            snext.startTime = now;
        }
        // the per-pCPU tick runs only while a non-idle vCPU runs
        if (snext == null) {
            pc.ticker.stop();
        } else if (!pc.ticker.active()) {
            pc.ticker.set(now + tickPeriodNs - now % tickPeriodNs);
        }
        return decision.set(next, snext == null ? -1 : tsliceNs);
    }

    /**
     * {@code csched_load_balance}: steal a higher-priority vCPU queued on a busy peer; first vCPUs that have this
     * pCPU in a useful soft affinity, then any whose hard affinity allows it. As in Xen 4.17, each step looks at the
     * pool's non-idle pCPUs node by node (this pCPU's node first), each node's from the pCPU after the node's balance
     * bias, and writes a STEAL_CHECK record per peer: skipped when it has at most one runnable vCPU, checked
     * otherwise.
     */
    private CUnit loadBalance(int cpu, int pri) {
        int nodes = ctx.host().numaNodes();
        int node = ctx.host().nodeOf(cpu);
        for (int step = 0; step < 2; step++) {
            int peerNode = node;
            do {
                CUnit stolen = stealFromNode(cpu, pri, step, peerNode);
                if (stolen != null) {
                    return stolen;
                }
                peerNode = peerNode + 1 == nodes ? 0 : peerNode + 1;
            } while (peerNode != node);
        }
        return null;
    }

    /**
     * One node of {@link #loadBalance}: {@code workers}, the pool's pCPUs of the node that are not idle (this one
     * left out), from the first after the node's bias, in cyclic order.
     */
    private CUnit stealFromNode(int cpu, int pri, int step, int peerNode) {
        CpuMask w = workers;
        w.assign(nodeCpus[peerNode]);
        w.retainAll(cpus);
        w.removeAll(idlers);
        w.clear(cpu);
        int bias = balanceBias[peerNode];
        // cpumask_cycle(bias, workers): the workers after the bias, then those up to it
        for (int peer = w.nextSetBit(bias + 1); peer >= 0; peer = w.nextSetBit(peer + 1)) {
            CUnit s = stealFrom(cpu, pri, step, peerNode, peer);
            if (s != null) {
                return s;
            }
        }
        for (int peer = w.nextSetBit(0); peer >= 0 && peer <= bias; peer = w.nextSetBit(peer + 1)) {
            CUnit s = stealFrom(cpu, pri, step, peerNode, peer);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** One peer of {@link #stealFromNode}: its STEAL_CHECK record, and the steal when it has work to spare. */
    private CUnit stealFrom(int cpu, int pri, int step, int peerNode, int peer) {
        // nr_runnable counts the running vCPU (an idle peer is not a worker) and the queued ones
        if (pcpus[peer].runq.size() + (ctx.currIsIdle(peer) ? 0 : 1) <= 1) {
            tr(cpu, TRC_STEAL_CHECK, peer, 0);
            return null;
        }
        tr(cpu, TRC_STEAL_CHECK, peer, 1);
        CUnit s = runqSteal(cpu, peer, pri, step);
        if (s != null) {
            balanceBias[peerNode] = peer;
        }
        return s;
    }

    /** {@code csched_runq_steal}. */
    private CUnit runqSteal(int cpu, int peer, int pri, int step) {
        if (ctx.currIsIdle(peer)) {
            return null;
        }
        for (CUnit s : pcpus[peer].runq) {
            if (s.pri <= pri) {
                break;
            }
            if (s.v.isRunning || (step == 0 && !Credit2Scheduler.hasSoftAffinity(s.v))) {
                continue;
            }
            // affinity_balance_cpumask: the hard affinity, narrowed to the soft one in the soft step
            if (!s.v.hardAffinity.contains(cpu) || step == 0 && !s.v.softAffinity.contains(cpu)) {
                continue;
            }
            tr(cpu, TRC_STOLEN_UNIT, peer, s.v.domain().id(), s.v.id());
            runqRemove(s);
            s.v.processor = cpu;
            return s;
        }
        return null;
    }

    @Override
    public void checkInvariants(int cpu, long now) {
        for (int c : cpus.toArray()) {
            CUnit prevU = null;
            for (CUnit u : pcpus[c].runq) {
                if (u.v.processor != c) {
                    throw new IllegalStateException("credit: " + u.v + " queued on cpu " + c + " but processor "
                            + u.v.processor);
                }
                if (u.v.isRunning) {
                    throw new IllegalStateException("credit: running " + u.v + " is on a runq");
                }
                if (prevU != null && prevU.pri < u.pri) {
                    throw new IllegalStateException("credit: runq of cpu " + c + " not sorted by priority");
                }
                prevU = u;
            }
        }
    }

    /**
     * @param v a vCPU of this pool
     * @return its current credit (for tests and debug output)
     */
    public int credit(Vcpu v) {
        return ((CUnit) v.schedData).credit;
    }

    /**
     * @param v a vCPU of this pool
     * @return its priority: 0 BOOST, -1 UNDER, -2 OVER
     */
    public int priority(Vcpu v) {
        return ((CUnit) v.schedData).pri;
    }
}
