package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.List;

import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;

/**
 * The null scheduler ({@code sched/null.c}): each vCPU is assigned to one pCPU of its hard affinity and runs there
 * whenever it is runnable; a pCPU with a blocked vCPU idles. vCPUs that find no free pCPU wait in a FIFO wait queue
 * and get the first suitable pCPU that becomes free.
 *
 * <p>Trace records (class 5, layouts of {@code null.c}): {@code PICKED_CPU} when a new vCPU's pCPU is picked,
 * {@code UNIT_ASSIGN} / {@code UNIT_DEASSIGN} when a vCPU gets or leaves a pCPU, {@code MIGRATE} when an
 * affinity change moves an assigned vCPU to a free pCPU, {@code SCHEDULE} at every decision. {@code TASKLET} never
 * appears: the engine has no tasklets. Each record is written on the pCPU it concerns.</p>
 */
public final class NullScheduler extends Scheduler {

    private Vcpu[] assigned;
    private final List<Vcpu> waitq = new ArrayList<>();
    private final ScheduleDecision decision = new ScheduleDecision();

    /** Xen's {@code TRC_SCHED_CLASS} id of null. */
    static final int TRC_CLASS = 5;
    // TRC_SNULL_* event numbers of null.c
    static final int TRC_PICKED_CPU = 1;
    static final int TRC_UNIT_ASSIGN = 2;
    static final int TRC_UNIT_DEASSIGN = 3;
    static final int TRC_MIGRATE = 4;
    static final int TRC_SCHEDULE = 5;

    @Override
    protected int traceClass() {
        return TRC_CLASS;
    }

    /** @return {@code uint16_t unit, dom} as one little-endian word */
    private static int unitDom(Vcpu v) {
        return (v.id() & 0xffff) | (v.domain().id() << 16);
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.NULL;
    }

    @Override
    public void init(SchedContext context) {
        super.init(context);
        assigned = new Vcpu[context.host().nrCpus()];
    }

    @Override
    public String poolParams() {
        return "sched=null";
    }

    @Override
    public void insertVcpu(Vcpu v) {
        v.schedData = this; // marks the vCPU as known to a scheduler; per-vCPU state lives in this class
        placeOrQueue(v, true);
    }

    /** Assigns a free pCPU of the vCPU's affinity, or queues it; {@code pick_res} + insert or wake of null.c. */
    private void placeOrQueue(Vcpu v, boolean traceThePick) {
        int cpu = freeCpu(v);
        if (traceThePick) {
            // pick_res: without a free pCPU Xen picks any pCPU of the affinity and the vCPU waits
            int picked = cpu >= 0 ? cpu : anyCpu(v);
            tr(picked, TRC_PICKED_CPU, unitDom(v), picked);
        }
        if (cpu < 0) {
            waitq.add(v);
            return;
        }
        assign(v, cpu);
    }

    private int freeCpu(Vcpu v) {
        CpuSet aff = v.hardAffinity.and(cpus);
        if (aff.contains(v.processor) && assigned[v.processor] == null) {
            return v.processor;
        }
        for (int c : aff.toArray()) {
            if (assigned[c] == null) {
                return c;
            }
        }
        return -1;
    }

    private int anyCpu(Vcpu v) {
        CpuSet aff = v.hardAffinity.and(cpus);
        return aff.contains(v.processor) ? v.processor : aff.isEmpty() ? cpus.first() : aff.first();
    }

    private void assign(Vcpu v, int cpu) {
        assigned[cpu] = v;
        v.processor = cpu;
        tr(cpu, TRC_UNIT_ASSIGN, unitDom(v), cpu);
        if (v.runnable()) {
            ctx.tickle(cpu);
        }
    }

    @Override
    public void removeVcpu(Vcpu v) {
        v.schedData = null;
        if (waitq.remove(v)) {
            return;
        }
        int cpu = v.processor;
        if (assigned[cpu] == v) {
            deassign(v, cpu);
        }
    }

    /** {@code unit_deassign}: frees the pCPU and gives it to the first suitable waiting vCPU. */
    private void deassign(Vcpu v, int cpu) {
        assigned[cpu] = null;
        tr(cpu, TRC_UNIT_DEASSIGN, unitDom(v), cpu);
        fillFromWaitq(cpu);
    }

    private void fillFromWaitq(int cpu) {
        for (int i = 0; i < waitq.size(); i++) {
            Vcpu w = waitq.get(i);
            if (w.hardAffinity.contains(cpu)) {
                waitq.remove(i);
                assign(w, cpu);
                return;
            }
        }
        ctx.tickle(cpu);
    }

    @Override
    public void sleep(Vcpu v) {
        // a blocked or paused vCPU keeps its pCPU; an offline one gives it up (null_unit_sleep / unit_deassign)
        if (v.down) {
            release(v);
        }
    }

    @Override
    public void contextSaved(Vcpu prev) {
        if (prev.down) {
            release(prev);
        } else if (assigned[prev.processor] == prev && !prev.hardAffinity.contains(prev.processor)) {
            move(prev);
        }
    }

    private void release(Vcpu v) {
        if (waitq.remove(v)) {
            return;
        }
        if (assigned[v.processor] == v) {
            deassign(v, v.processor);
        }
    }

    /** Back online while blocked: it takes a pCPU (or waits for one) as a blocked vCPU does at creation. */
    @Override
    public void onlineBlocked(Vcpu v) {
        wake(v);
    }

    @Override
    public void wake(Vcpu v) {
        if (assigned[v.processor] == v) {
            ctx.tickle(v.processor);
        } else if (!waitq.contains(v)) {
            placeOrQueue(v, false);
        }
    }

    @Override
    public void affinityChanged(Vcpu v) {
        if (assigned[v.processor] == v && !v.hardAffinity.contains(v.processor)) {
            if (v.isRunning) {
                // it must leave its pCPU first: doSchedule stops running it there, contextSaved moves it
                ctx.tickle(v.processor);
                return;
            }
            move(v);
        } else if (waitq.contains(v)) {
            int cpu = freeCpu(v);
            if (cpu >= 0) {
                waitq.remove(v);
                assign(v, cpu);
            }
        }
    }

    /** {@code null_unit_migrate}: leave the old pCPU (it may go to a waiting vCPU), take a free one or wait. */
    private void move(Vcpu v) {
        int old = v.processor;
        int cpu = freeCpu(v); // v's affinity excludes old, so freeing old first changes nothing for v
        int target = cpu >= 0 ? cpu : anyCpu(v);
        tr(target, TRC_PICKED_CPU, unitDom(v), target);
        if (target != old) {
            tr(old, TRC_MIGRATE, unitDom(v), (old & 0xffff) | (target << 16));
        }
        deassign(v, old);
        if (cpu < 0) {
            waitq.add(v);
        } else {
            assign(v, cpu);
        }
    }

    @Override
    public ScheduleDecision doSchedule(int cpu, long now, Vcpu prev) {
        Vcpu a = assigned[cpu];
        // uint16_t tasklet, cpu; int16_t unit, dom (-1, -1 when no vCPU is assigned)
        tr(cpu, TRC_SCHEDULE, cpu << 16, a == null ? -1 : unitDom(a));
        if (a != null && a.runnable() && a.hardAffinity.contains(cpu)) {
            return decision.set(a, -1);
        }
        return decision.set(ctx.idleVcpu(cpu), -1);
    }

    @Override
    public void checkInvariants(int cpu, long now) {
        Vcpu c = ctx.curr(cpu);
        if (!c.isIdle() && assigned[cpu] != c) {
            throw new IllegalStateException("null: " + c + " runs on cpu " + cpu + " but is not assigned to it");
        }
    }

    /** @return the vCPUs waiting for a pCPU, in order */
    public List<Vcpu> waitQueue() {
        return List.copyOf(waitq);
    }
}
