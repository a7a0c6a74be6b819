package org.xenwb.engine.core;

import java.util.function.LongConsumer;

import org.xenwb.engine.core.sched.SchedContext;
import org.xenwb.engine.core.sim.Event;
import org.xenwb.engine.core.sim.EventQueue;

/**
 * A scheduler's timer: the queue's event itself, so arming, stopping and firing it touch one object. Simulation
 * thread only.
 */
final class TimerEvent extends Event implements SchedContext.Timer {

    private final EventQueue queue;
    private final LongConsumer action;

    /**
     * @param queue the engine's queue
     * @param action called with the current time when the timer fires
     */
    TimerEvent(EventQueue queue, LongConsumer action) {
        this.queue = queue;
        this.action = action;
    }

    @Override
    protected void fire(long now) {
        action.accept(now);
    }

    @Override
    public void set(long when) {
        queue.reschedule(this, Math.max(when, queue.now()));
    }

    @Override
    public void stop() {
        queue.cancel(this);
    }

    @Override
    public boolean active() {
        return isQueued();
    }
}
