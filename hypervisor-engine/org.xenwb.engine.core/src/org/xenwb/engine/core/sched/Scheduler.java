package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.List;

import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;

/**
 * A scheduler instance, owning the pCPUs of one cpupool (the role of Xen's {@code struct scheduler} hooks).
 *
 * <p>Contract, as in Xen: {@link #insertVcpu} when a vCPU joins the pool, {@link #removeVcpu} when it leaves (it
 * is not running then); {@link #wake} when a vCPU becomes runnable, {@link #sleep} when a vCPU that is not running
 * stops being runnable (a running vCPU that blocks is seen as not runnable by the next {@link #doSchedule});
 * {@link #doSchedule} picks what a pCPU runs; {@link #contextSaved} after the pCPU switched away from a vCPU.
 * Everything runs on the simulation thread.</p>
 */
public abstract class Scheduler {

    /** The engine services. */
    protected SchedContext ctx;
    /** The pool's pCPUs. */
    protected CpuSet cpus = CpuSet.empty();
    /** The domains in the pool, in id order. */
    protected final List<Domain> domains = new ArrayList<>();

    /** @return which scheduler this is */
    public abstract SchedulerKind kind();

    /**
     * Binds the scheduler to the engine; called once before anything else.
     *
     * @param context engine services
     */
    public void init(SchedContext context) {
        this.ctx = context;
    }

    /** @return the pool's pCPUs */
    public CpuSet cpus() {
        return cpus;
    }

    /**
     * Gives the pool a new set of pCPUs. The engine only calls this while the pool has no vCPUs inserted.
     *
     * @param newCpus the pCPUs
     */
    public void setCpus(CpuSet newCpus) {
        this.cpus = newCpus;
    }

    /**
     * A domain joins the pool (before its vCPUs are inserted).
     *
     * @param d the domain
     */
    public void insertDomain(Domain d) {
        domains.add(d);
        domains.sort((a, b) -> Integer.compare(a.id(), b.id()));
    }

    /**
     * A domain leaves the pool (after its vCPUs were removed).
     *
     * @param d the domain
     */
    public void removeDomain(Domain d) {
        domains.remove(d);
    }

    /**
     * @param v a vCPU joining the pool; {@code v.processor} may be changed to a pCPU of the pool
     */
    public abstract void insertVcpu(Vcpu v);

    /**
     * @param v a vCPU leaving the pool (not running)
     */
    public abstract void removeVcpu(Vcpu v);

    /**
     * @param v a vCPU that stopped being runnable while not running (paused, parked, offlined)
     */
    public abstract void sleep(Vcpu v);

    /**
     * @param v a vCPU that became runnable
     */
    public abstract void wake(Vcpu v);

    /**
     * A vCPU came back online ({@code xl vcpu-set}) while its workload is blocked: it is not runnable, so it stays
     * off the run queues until it wakes. The default does nothing; a scheduler that gives vCPUs a pCPU even while
     * they are blocked (null) places it now.
     *
     * @param v the vCPU, online again and blocked
     */
    public void onlineBlocked(Vcpu v) {
    }

    /**
     * Picks what pCPU {@code cpu} runs next.
     *
     * @param cpu the pCPU
     * @param now current time, ns
     * @param prev what runs there now (maybe idle, maybe no longer runnable)
     * @return the decision
     */
    public abstract ScheduleDecision doSchedule(int cpu, long now, Vcpu prev);

    /**
     * The pCPU switched from {@code prev} to something else.
     *
     * @param prev the vCPU switched out (never idle)
     */
    public void contextSaved(Vcpu prev) {
    }

    /**
     * A vCPU's hard or soft affinity changed. The default makes it re-evaluate placement by sleeping and waking.
     *
     * @param v the vCPU
     */
    public void affinityChanged(Vcpu v) {
        if (!v.isRunning && v.runnable()) {
            sleep(v);
            wake(v);
        } else if (v.isRunning && !v.hardAffinity.contains(v.processor)) {
            ctx.tickle(v.processor);
        }
    }

    /**
     * A domain's weight or cap changed; default does nothing.
     *
     * @param d the domain
     */
    public void domainParamsChanged(Domain d) {
    }

    /**
     * Debug-mode invariant check after a decision; throws {@link IllegalStateException} when violated.
     *
     * @param cpu the pCPU that just scheduled
     * @param now the time
     */
    public void checkInvariants(int cpu, long now) {
    }

    /** @return pool-wide parameter line for xl, e.g. {@code ratelimit=1000us} */
    public abstract String poolParams();

    /**
     * @param v a vCPU that is not idle
     * @return whether {@code v} may run on {@code cpu}: in the pool and in its hard affinity
     * @param cpu a pCPU
     */
    protected final boolean canRunOn(Vcpu v, int cpu) {
        return cpus.contains(cpu) && v.hardAffinity.contains(cpu);
    }

    /**
     * @param v a vCPU
     * @return the pCPUs of the pool in its hard affinity; the whole pool if that is empty (Xen breaks affinity)
     */
    protected final CpuSet effectiveAffinity(Vcpu v) {
        if (v.hardAffinity.containsAll(cpus)) {
            return cpus; // the common case, without building a set
        }
        CpuSet s = v.hardAffinity.and(cpus);
        return s.isEmpty() ? cpus : s;
    }

    /**
     * Xen's {@code TRC_SCHED_CLASS} id of this scheduler's own trace records (credit 0, credit2 1, RTDS 4, null 5).
     *
     * @return the id
     * @throws UnsupportedOperationException for a scheduler that writes no records of its own
     */
    protected int traceClass() {
        throw new UnsupportedOperationException(kind().xlName() + " writes no scheduler records");
    }

    /** Writes one of this scheduler's records when tracing is on (payloads of any length). */
    protected final void tr(int cpu, int event, int... words) {
        if (ctx.trace().enabled()) {
            ctx.trace().record(cpu, traceClass(), event, words);
        }
    }

    /** Writes a one-word record when tracing is on. */
    protected final void tr(int cpu, int event, int a) {
        trWords(cpu, event, 1, a, 0, 0, 0, 0, 0, 0);
    }

    /** Writes a two-word record when tracing is on. */
    protected final void tr(int cpu, int event, int a, int b) {
        trWords(cpu, event, 2, a, b, 0, 0, 0, 0, 0);
    }

    /** Writes a three-word record when tracing is on. */
    protected final void tr(int cpu, int event, int a, int b, int c) {
        trWords(cpu, event, 3, a, b, c, 0, 0, 0, 0);
    }

    /** Writes a four-word record when tracing is on. */
    protected final void tr(int cpu, int event, int a, int b, int c, int d) {
        trWords(cpu, event, 4, a, b, c, d, 0, 0, 0);
    }

    /** Writes a five-word record when tracing is on. */
    protected final void tr(int cpu, int event, int a, int b, int c, int d, int e) {
        trWords(cpu, event, 5, a, b, c, d, e, 0, 0);
    }

    /** Writes a six-word record when tracing is on. */
    protected final void tr(int cpu, int event, int a, int b, int c, int d, int e, int f) {
        trWords(cpu, event, 6, a, b, c, d, e, f, 0);
    }

    /** Writes a seven-word record when tracing is on. */
    protected final void tr(int cpu, int event, int a, int b, int c, int d, int e, int f, int g) {
        trWords(cpu, event, 7, a, b, c, d, e, f, g);
    }

    /** Writes a record of {@code n} (at most seven) words without an array, when tracing is on. */
    private void trWords(int cpu, int event, int n, int a, int b, int c, int d, int e, int f, int g) {
        SchedTrace t = ctx.trace();
        if (t.enabled()) {
            t.recordWords(cpu, traceClass(), event, n, a, b, c, d, e, f, g);
        }
    }
}
