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
 */
public final class NullScheduler extends Scheduler {

    private Vcpu[] assigned;
    private final List<Vcpu> waitq = new ArrayList<>();
    private final ScheduleDecision decision = new ScheduleDecision();

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
        int cpu = freeCpu(v);
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

    private void assign(Vcpu v, int cpu) {
        assigned[cpu] = v;
        v.processor = cpu;
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
            assigned[cpu] = null;
            fillFromWaitq(cpu);
        }
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
            assigned[v.processor] = null;
            fillFromWaitq(v.processor);
        }
    }

    @Override
    public void wake(Vcpu v) {
        if (assigned[v.processor] == v) {
            ctx.tickle(v.processor);
        } else if (!waitq.contains(v)) {
            insertVcpu(v);
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

    private void move(Vcpu v) {
        int old = v.processor;
        assigned[old] = null;
        int cpu = freeCpu(v);
        if (cpu < 0) {
            waitq.add(v);
        } else {
            assign(v, cpu);
        }
        fillFromWaitq(old);
    }

    @Override
    public ScheduleDecision doSchedule(int cpu, long now, Vcpu prev) {
        Vcpu a = assigned[cpu];
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
