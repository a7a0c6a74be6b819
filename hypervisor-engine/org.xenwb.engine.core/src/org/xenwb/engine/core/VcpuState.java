package org.xenwb.engine.core;

import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sim.Event;
import org.xenwb.engine.core.sim.EventQueue;
import org.xenwb.engine.core.workload.Workload;

/**
 * Engine-private per-vCPU state: workload progress and metrics, and the vCPU's workload event. A vCPU has at most
 * one workload event pending: the end of its current burst while it runs, or its wake-up while it is blocked (a
 * burst ends by blocking or by starting the next burst at once; a wake-up starts a burst only once the vCPU runs).
 * So one event object serves both, and the state, the event and its target share one object (they are touched
 * together on every burst). Simulation thread only.
 */
final class VcpuState extends Event {
    final Vcpu v;
    final Workload workload;
    private final SchedulingCore core;
    /** What the pending (or last) event is: a wake-up, or the end of a burst. */
    private boolean wakeUp;
    long remaining;
    long runStart;
    long wakeTime = -1;
    /**
     * Set when credit2 unparked the vCPU while it was OFFLINE (it was parked while running): it may then go from
     * OFFLINE straight to RUNNING, as in Xen; cleared when it leaves OFFLINE.
     */
    boolean unparkedOffline;
    final LatencyHistogram latencies = new LatencyHistogram();

    VcpuState(Vcpu v, Workload workload, SchedulingCore core) {
        this.v = v;
        this.workload = workload;
        this.core = core;
    }

    @Override
    protected void fire(long now) {
        if (wakeUp) {
            core.wakeUp(v, now);
        } else {
            core.burstEnded(v, now);
        }
    }

    /** Arms (or re-arms) the end of the running burst at {@code time}. */
    void setBurstEnd(EventQueue queue, long time) {
        wakeUp = false;
        queue.reschedule(this, time);
    }

    /** Disarms the end of the burst, if that is what is pending. */
    void cancelBurstEnd(EventQueue queue) {
        if (!wakeUp) {
            queue.cancel(this);
        }
    }

    /** Arms the wake-up of the blocked vCPU at {@code time}; nothing else may be pending. */
    void setWakeUp(EventQueue queue, long time) {
        wakeUp = true;
        queue.schedule(this, time);
    }

    /** Disarms whatever is pending. */
    void cancel(EventQueue queue) {
        queue.cancel(this);
    }
}
