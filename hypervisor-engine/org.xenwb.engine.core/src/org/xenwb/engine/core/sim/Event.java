package org.xenwb.engine.core.sim;

/**
 * Something that happens at a simulated time. An event object can be scheduled again after it fired or was
 * cancelled (timers reuse one object). Subclasses implement {@link #fire(long)}.
 */
public abstract class Event {
    long time;
    long seq;
    /** The id the queue gave it when it was first scheduled (its index in the queue's per-event arrays), -1 before. */
    int id = -1;
    boolean queued;
    /** Queued in the queue's same-instant FIFO rather than its heap. */
    boolean inFifo;
    /** Queued in the queue's calendar wheel rather than its heap. */
    boolean inWheel;

    /**
     * Called by the queue when the simulated clock reaches the event.
     *
     * @param now the current time in ns
     */
    protected abstract void fire(long now);

    /** @return whether the event is waiting in a queue */
    public final boolean isQueued() {
        return queued;
    }

    /** @return the time it is (or was last) scheduled for, in ns */
    public final long time() {
        return time;
    }

    /**
     * An event that runs a lambda.
     *
     * @param action what to do, given the current time in ns
     * @return the event
     */
    public static Event of(java.util.function.LongConsumer action) {
        return new Event() {
            @Override
            protected void fire(long now) {
                action.accept(now);
            }
        };
    }
}
