package org.xenwb.engine.core;

import java.util.function.IntFunction;
import java.util.function.LongConsumer;

import org.xenwb.engine.core.model.Cpupool;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.RunState;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sched.SchedContext;
import org.xenwb.engine.core.sched.SchedTrace;
import org.xenwb.engine.core.sched.ScheduleDecision;
import org.xenwb.engine.core.sched.Scheduler;
import org.xenwb.engine.core.sim.EngineTrace;
import org.xenwb.engine.core.sim.Event;
import org.xenwb.engine.core.sim.EventQueue;
import org.xenwb.engine.core.workload.Workload;

/**
 * The scheduling core of an {@link Engine} (the role of Xen's {@code sched/core.c}): per-pCPU current vCPU,
 * schedule softirq and slice timer, runstate accounting, context switches, workload bursts, wake-ups and the
 * debug invariant checks. The services it offers schedulers are {@link SchedContext}. Simulation thread only.
 */
final class SchedulingCore implements SchedContext {

    final HostTopology host;
    final EngineOptions options;
    final EventQueue queue = new EventQueue();
    final Vcpu[] curr;
    /**
     * Per pCPU, when the vCPU in {@link #curr} entered RUNNING (its {@code stateEntryTime}, copied at each switch), so
     * schedulers scanning many pCPUs need not load each running vCPU.
     */
    final long[] currSince;
    final Vcpu[] idle;
    final Event[] softirq;
    final Event[] sliceTimer;
    final Cpupool[] cpuPool;
    final EngineTrace trace;
    private final IntFunction<Cpupool> poolById;
    long decisions;

    SchedulingCore(HostTopology host, EngineOptions options, EngineTrace trace, IntFunction<Cpupool> poolById) {
        this.host = host;
        this.options = options;
        this.trace = trace;
        this.poolById = poolById;
        int n = host.nrCpus();
        curr = new Vcpu[n];
        currSince = new long[n];
        idle = new Vcpu[n];
        softirq = new Event[n];
        sliceTimer = new Event[n];
        cpuPool = new Cpupool[n];
        for (int cpu = 0; cpu < n; cpu++) {
            softirq[cpu] = new ScheduleEvent(cpu);
            sliceTimer[cpu] = new ScheduleEvent(cpu);
        }
    }

    @Override
    public long now() {
        return queue.now();
    }

    @Override
    public HostTopology host() {
        return host;
    }

    @Override
    public Vcpu curr(int cpu) {
        return curr[cpu];
    }

    @Override
    public boolean currIsIdle(int cpu) {
        return curr[cpu] == idle[cpu];
    }

    @Override
    public long currRunningSince(int cpu) {
        return currSince[cpu];
    }

    @Override
    public Vcpu idleVcpu(int cpu) {
        return idle[cpu];
    }

    @Override
    public void tickle(int cpu) {
        Event e = softirq[cpu];
        if (!e.isQueued()) {
            queue.schedule(e, queue.now());
        }
    }

    @Override
    public Timer newTimer(LongConsumer action) {
        return new TimerEvent(queue, action);
    }

    @Override
    public SchedTrace trace() {
        return trace;
    }

    @Override
    public void parkByPause(Vcpu v, boolean parked) {
        if (v.parked == parked) {
            return;
        }
        v.parked = parked;
        if (parked) {
            vcpuSleep(v);
        } else {
            vcpuWake(v);
        }
    }

    @Override
    public void setParkedFlag(Vcpu v, boolean parked) {
        v.parked = parked;
        if (!parked && v.runstate == RunState.OFFLINE && !v.isIdle()) {
            ((VcpuState) v.engineData).unparkedOffline = true;
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // the scheduling core

    void changeRunstate(Vcpu v, RunState to) {
        changeRunstate(v, to, v.isIdle() ? v.id() : v.processor);
    }

    /**
     * @param v the vCPU
     * @param to its new runstate
     * @param cpu the pCPU whose trace gets the record (for a vCPU switched out: the pCPU it ran on, even when the
     *     scheduler already moved it elsewhere)
     */
    void changeRunstate(Vcpu v, RunState to, int cpu) {
        RunState from = v.runstate;
        if (setRunstate(v, to) && trace.enabled()) {
            trace.runstateChange(cpu, v, from, to);
        }
    }

    /**
     * {@link #changeRunstate} without the trace record.
     *
     * @return whether the runstate changed
     */
    private boolean setRunstate(Vcpu v, RunState to) {
        long now = queue.now();
        RunState from = v.runstate;
        if (from == to) {
            return false;
        }
        if (from == RunState.OFFLINE && !v.isIdle()) {
            VcpuState vs = (VcpuState) v.engineData;
            if (options.debugChecks && to == RunState.RUNNING && !vs.unparkedOffline) {
                throw runsFrom(v, from);
            }
            vs.unparkedOffline = false;
        } else if (options.debugChecks && to == RunState.RUNNING && from != RunState.RUNNABLE && !v.isIdle()) {
            throw runsFrom(v, from);
        }
        if (v.firstChangeTime < 0) {
            v.firstChangeTime = now;
            v.firstChangeState = from;
        }
        v.runstateTime[from.ordinal()] += now - v.stateEntryTime;
        v.stateEntryTime = now;
        if (to == RunState.RUNNING && v.timeBeforeFirstRun == null) {
            v.timeBeforeFirstRun = v.runstateTime.clone();
        }
        v.runstate = to;
        return true;
    }

    private static IllegalStateException runsFrom(Vcpu v, RunState from) {
        return new IllegalStateException("invariant: " + v + " goes " + from + " -> RUNNING (Xen only runs runnable "
                + "vCPUs, or from OFFLINE those credit2 unparked)");
    }

    void schedule(int cpu) {
        long now = queue.now();
        Vcpu prev = curr[cpu];
        Cpupool pool = cpuPool[cpu];
        Vcpu next;
        long slice;
        if (pool == null) {
            next = idle[cpu];
            slice = -1;
        } else {
            ScheduleDecision d = pool.scheduler().doSchedule(cpu, now, prev);
            next = d.next;
            slice = d.slice;
        }
        decisions++;
        if (next != idle[cpu]) {
            if (next.isRunning && next != prev) {
                throw new IllegalStateException("scheduler chose " + next + " on cpu " + cpu
                        + " while it runs on cpu " + next.processor);
            }
            if (!next.runnable()) {
                throw new IllegalStateException("scheduler chose " + next + " on cpu " + cpu
                        + " but it is not runnable");
            }
        }
        if (next == prev) {
            if (trace.enabled() && !next.isIdle()) {
                trace.continueRunning(cpu, next, slice);
            }
        } else {
            switchTo(cpu, prev, next, now, slice);
        }
        if (slice >= 0) {
            queue.reschedule(sliceTimer[cpu], now + slice);
        } else {
            queue.cancel(sliceTimer[cpu]);
        }
        if (next != prev && !prev.isIdle() && pool != null && prev.schedData != null
                && prev.domain().poolId == pool.id()) {
            pool.scheduler().contextSaved(prev);
        }
        if (options.debugChecks) {
            checkInvariants(cpu, now);
        }
    }

    void switchTo(int cpu, Vcpu prev, Vcpu next, long now, long slice) {
        long prevRan = now - prev.stateEntryTime;
        RunState prevTo = prev.isIdle() || prev.runnable() ? RunState.RUNNABLE
                : prev.blocked ? RunState.BLOCKED : RunState.OFFLINE;
        if (trace.enabled()) {
            // Xen writes SWITCH_INFPREV, SWITCH_INFNEXT and SWITCH, then the two runstate changes (on this pCPU)
            trace.switchWithRunstates(cpu, prev, prevRan, prevTo, next, now - next.stateEntryTime, slice);
        }
        prev.isRunning = false;
        if (!prev.isIdle()) {
            stopBurst(prev, now);
        }
        setRunstate(prev, prevTo);
        if (!next.isIdle()) {
            // (not next.processor: the scheduler has already pointed it at this pCPU when it queued it here)
            if (next.lastRanOn >= 0 && next.lastRanOn != cpu) {
                next.migrations++;
            }
            next.lastRanOn = cpu;
        }
        next.processor = cpu;
        next.isRunning = true;
        curr[cpu] = next;
        setRunstate(next, RunState.RUNNING);
        currSince[cpu] = next.stateEntryTime;
        if (!next.isIdle()) {
            VcpuState vs = (VcpuState) next.engineData;
            if (vs.wakeTime >= 0) {
                vs.latencies.add(now - vs.wakeTime);
                vs.wakeTime = -1;
            }
            startBurst(next, now);
        }
    }

    void startBurst(Vcpu v, long now) {
        VcpuState vs = (VcpuState) v.engineData;
        vs.runStart = now;
        if (vs.remaining != Workload.FOREVER) {
            vs.setBurstEnd(queue, now + Math.max(0, vs.remaining));
        }
    }

    void stopBurst(Vcpu v, long now) {
        VcpuState vs = (VcpuState) v.engineData;
        if (vs.remaining != Workload.FOREVER) {
            vs.remaining -= now - vs.runStart;
            vs.cancelBurstEnd(queue);
        }
    }

    void burstEnded(Vcpu v, long now) {
        VcpuState vs = (VcpuState) v.engineData;
        if (!v.isRunning) {
            return;
        }
        vs.remaining = 0;
        long delay = vs.workload.burstDone(now);
        if (delay == 0) {
            vs.remaining = vs.workload.nextBurst(now);
            startBurst(v, now);
            return;
        }
        v.blocked = true;
        if (trace.enabled()) {
            trace.block(v.processor, v);
        }
        tickle(v.processor);
        if (delay > 0) {
            vs.setWakeUp(queue, now + delay);
        }
    }

    void wakeUp(Vcpu v, long now) {
        VcpuState vs = (VcpuState) v.engineData;
        if (!v.blocked) {
            return;
        }
        v.blocked = false;
        vs.remaining = vs.workload.nextBurst(now);
        wakeRecord(v); // whatever follows, even when the vCPU has not left its pCPU yet
        if (v.isRunning) {
            // woke before its pCPU descheduled it: it just continues
            startBurst(v, now);
            return;
        }
        vs.wakeTime = now;
        if (!v.runnable()) {
            offlineIfBlocked(v);
            return;
        }
        makeRunnableIfPossible(v);
    }

    /**
     * {@code vcpu_wake}'s case of a vCPU that is no longer blocked but may not run (paused, or parked by credit2):
     * its runstate goes from BLOCKED to OFFLINE.
     */
    private void offlineIfBlocked(Vcpu v) {
        if (v.runstate == RunState.BLOCKED && !v.blocked && !v.isRunning) {
            changeRunstate(v, RunState.OFFLINE);
        }
    }

    /**
     * Xen's {@code vcpu_wake} for a reason other than a workload's wake-up (unpause): the WAKE record, then
     * {@link #makeRunnableIfPossible}.
     */
    void vcpuWake(Vcpu v) {
        wakeRecord(v);
        makeRunnableIfPossible(v);
    }

    /** The WAKE record that Xen's {@code vcpu_wake} writes first, on the vCPU's pCPU. */
    void wakeRecord(Vcpu v) {
        if (trace.enabled()) {
            trace.wake(v.processor, v);
        }
    }

    /**
     * Xen's {@code vcpu_sleep_nosync} for a pause: the SLEEP record, then {@link #makeNotRunnable}.
     */
    void vcpuSleep(Vcpu v) {
        if (trace.enabled()) {
            trace.sleep(v.processor, v);
        }
        makeNotRunnable(v);
    }

    void makeRunnableIfPossible(Vcpu v) {
        if (!v.runnable() || v.isRunning || v.schedData == null) {
            return;
        }
        if (v.runstate != RunState.RUNNABLE) {
            changeRunstate(v, RunState.RUNNABLE);
            ((VcpuState) v.engineData).wakeTime = queue.now();
        }
        schedulerOf(v).wake(v);
    }

    void makeNotRunnable(Vcpu v) {
        if (v.isRunning) {
            tickle(v.processor);
            return;
        }
        if (v.runstate == RunState.RUNNABLE) {
            // vcpu_sleep_nosync_locked: the runstate changes before the scheduler's sleep
            changeRunstate(v, v.blocked ? RunState.BLOCKED : RunState.OFFLINE);
            if (v.schedData != null) {
                schedulerOf(v).sleep(v);
            }
        }
    }

    /** A pCPU's schedule softirq or slice timer: runs {@link #schedule} on it. */
    private final class ScheduleEvent extends Event {
        private final int cpu;

        ScheduleEvent(int cpu) {
            this.cpu = cpu;
        }

        @Override
        protected void fire(long now) {
            schedule(cpu);
        }
    }

    Scheduler schedulerOf(Vcpu v) {
        int poolId = v.domain().poolId;
        int cpu = v.processor;
        // the pool of the vCPU's pCPU is nearly always its own: no lookup then
        Cpupool p = cpu >= 0 && cpu < cpuPool.length ? cpuPool[cpu] : null;
        return (p != null && p.id() == poolId ? p : poolById.apply(poolId)).scheduler();
    }

    void checkInvariants(int cpu, long now) {
        for (int c = 0; c < curr.length; c++) {
            Vcpu v = curr[c];
            if (v.isIdle()) {
                continue;
            }
            if (v.processor != c || !v.isRunning) {
                throw new IllegalStateException("invariant: " + v + " is current on cpu " + c
                        + " but processor=" + v.processor + " running=" + v.isRunning);
            }
            for (int o = c + 1; o < curr.length; o++) {
                if (curr[o] == v) {
                    throw new IllegalStateException("invariant: " + v + " runs on cpus " + c + " and " + o);
                }
            }
            Cpupool p = cpuPool[c];
            if (p == null || p.id() != v.domain().poolId) {
                throw new IllegalStateException("invariant: " + v + " runs on cpu " + c + " outside its pool");
            }
            // a vCPU whose affinity just changed keeps running until its pCPU's pending reschedule (as in Xen, where
            // it moves at the next context switch); only a pCPU with nothing pending breaks the invariant
            if (!v.hardAffinity.contains(c) && v.hardAffinity.intersects(p.cpus()) && !softirq[c].isQueued()) {
                throw new IllegalStateException("invariant: " + v + " runs on cpu " + c + " outside its hard "
                        + "affinity " + v.hardAffinity);
            }
        }
        Cpupool p = cpuPool[cpu];
        if (p != null) {
            p.scheduler().checkInvariants(cpu, now);
        }
    }
}
