package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.List;

import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;

/**
 * The ARINC 653 scheduler ({@code sched/arinc653.c}): a fixed schedule table of windows (domain, vCPU, runtime)
 * repeated every major frame; in each window only its vCPU may run (the pCPU idles if it is not runnable).
 * Without a table set by the user, Xen's default is one 10 ms window per dom0 vCPU. It schedules the first pCPU
 * of its pool; other pCPUs of an ARINC653 pool stay idle, as in Xen.
 */
public final class Arinc653Scheduler extends Scheduler {

    /** Default window length, ns ({@code DEFAULT_TIMESLICE}). */
    public static final long DEFAULT_TIMESLICE = 10_000_000L;

    /**
     * One window of the schedule table.
     *
     * @param domid the domain
     * @param vcpu the vCPU id
     * @param runtimeNs the window length, ns
     */
    public record Window(int domid, int vcpu, long runtimeNs) {
    }

    private final List<Window> table = new ArrayList<>();
    private boolean userTable;
    private long majorFrame;
    private long frameStart;
    private final ScheduleDecision decision = new ScheduleDecision();
    private final List<Vcpu> vcpus = new ArrayList<>();
    private long windowViolations;

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.ARINC653;
    }

    @Override
    public String poolParams() {
        return "major_frame=" + majorFrame / 1000 + "us windows=" + table.size();
    }

    /**
     * Replaces the schedule table (what {@code xc_sched_arinc653_schedule_set} does).
     *
     * @param windows the windows, in order; their sum is the major frame
     */
    public void setSchedule(List<Window> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("an ARINC653 schedule needs at least one window");
        }
        table.clear();
        table.addAll(windows);
        userTable = true;
        majorFrame = windows.stream().mapToLong(Window::runtimeNs).sum();
        frameStart = ctx.now();
        ctx.tickle(cpus.first());
    }

    /** @return the schedule table */
    public List<Window> schedule() {
        return List.copyOf(table);
    }

    @Override
    public void insertVcpu(Vcpu v) {
        v.schedData = this; // marks the vCPU as known to a scheduler; per-vCPU state lives in this class
        vcpus.add(v);
        v.processor = cpus.first();
        if (!userTable && v.domain().id() == 0) {
            table.add(new Window(0, v.id(), DEFAULT_TIMESLICE));
            majorFrame += DEFAULT_TIMESLICE;
        }
        ctx.tickle(cpus.first());
    }

    @Override
    public void removeVcpu(Vcpu v) {
        v.schedData = null;
        vcpus.remove(v);
    }

    @Override
    public void sleep(Vcpu v) {
    }

    @Override
    public void wake(Vcpu v) {
        if (!cpus.isEmpty()) {
            ctx.tickle(cpus.first());
        }
    }

    @Override
    public void affinityChanged(Vcpu v) {
    }

    private Vcpu find(Window w) {
        for (Vcpu v : vcpus) {
            if (v.domain().id() == w.domid() && v.id() == w.vcpu()) {
                return v;
            }
        }
        return null;
    }

    @Override
    public ScheduleDecision doSchedule(int cpu, long now, Vcpu prev) {
        if (cpu != cpus.first() || table.isEmpty() || majorFrame == 0) {
            return decision.set(ctx.idleVcpu(cpu), -1);
        }
        long sinceFrame = now - frameStart;
        if (sinceFrame >= majorFrame) {
            frameStart += (sinceFrame / majorFrame) * majorFrame;
            sinceFrame = now - frameStart;
        }
        long t = 0;
        Window w = table.get(0);
        for (Window x : table) {
            if (sinceFrame < t + x.runtimeNs()) {
                w = x;
                break;
            }
            t += x.runtimeNs();
        }
        long windowEnd = frameStart + t + w.runtimeNs();
        Vcpu v = find(w);
        Vcpu next = v != null && v.runnable() ? v : ctx.idleVcpu(cpu);
        return decision.set(next, windowEnd - now);
    }

    @Override
    public void checkInvariants(int cpu, long now) {
        if (cpu != cpus.first()) {
            return;
        }
        Vcpu c = ctx.curr(cpu);
        if (c.isIdle() || majorFrame == 0) {
            return;
        }
        long sinceFrame = Math.floorMod(now - frameStart, majorFrame);
        long t = 0;
        for (Window x : table) {
            if (sinceFrame < t + x.runtimeNs()) {
                if (x.domid() != c.domain().id() || x.vcpu() != c.id()) {
                    windowViolations++;
                    throw new IllegalStateException("arinc653: " + c + " runs in the window of d" + x.domid() + "v"
                            + x.vcpu());
                }
                return;
            }
            t += x.runtimeNs();
        }
    }

    /** @return the major frame, ns */
    public long majorFrame() {
        return majorFrame;
    }
}
