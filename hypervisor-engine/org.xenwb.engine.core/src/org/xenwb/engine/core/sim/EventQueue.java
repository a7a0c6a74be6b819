package org.xenwb.engine.core.sim;

import java.util.Arrays;

/**
 * The deterministic discrete-event core: a binary heap of {@link Event}s ordered by time, then by the order in
 * which they were scheduled, so equal-time events always fire in the same order. Cancelled events are dropped
 * lazily when they reach the top. Not thread-safe: one simulation runs on one thread.
 */
public final class EventQueue {

    private Event[] heap = new Event[256];
    private int size;
    private long seq;
    private long now;
    private long fired;

    /** @return the current simulated time in ns */
    public long now() {
        return now;
    }

    /** @return how many events have fired so far */
    public long firedCount() {
        return fired;
    }

    /**
     * Schedules an event. The event must not be queued already.
     *
     * @param e the event
     * @param time absolute time in ns, not before {@link #now()}
     */
    public void schedule(Event e, long time) {
        if (time < now) {
            throw new IllegalArgumentException("event in the past: " + time + " < " + now);
        }
        e.time = time;
        e.seq = seq++;
        e.cancelled = false;
        e.queued = true;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
    }

    /**
     * Cancels a queued event (no effect if it is not queued). It can be scheduled again afterwards.
     *
     * @param e the event
     */
    public void cancel(Event e) {
        if (e.queued) {
            removeAt(e.index);
            e.queued = false;
        }
        e.cancelled = true;
    }

    /**
     * Fires events in order until the next one would be after {@code until}; the clock then stands at
     * {@code until}.
     *
     * @param until absolute time in ns
     * @param cancel checked every 4096 events; may be null
     */
    public void runUntil(long until, BooleanSupplierLike cancel) {
        while (size > 0) {
            Event e = heap[0];
            if (e.time > until) {
                break;
            }
            removeAt(0);
            e.queued = false;
            now = e.time;
            fired++;
            e.fire(now);
            if (cancel != null && (fired & 4095) == 0 && cancel.getAsBoolean()) {
                return;
            }
        }
        now = until;
    }

    /** A cancellation check without depending on java.util.function in the hot loop signature. */
    @FunctionalInterface
    public interface BooleanSupplierLike {
        /** @return true to stop */
        boolean getAsBoolean();
    }

    private void removeAt(int i) {
        Event last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        // sift the last element into position i, up or down
        int k = i;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!before(last, heap[parent])) {
                break;
            }
            heap[k] = heap[parent];
            heap[k].index = k;
            k = parent;
        }
        if (k == i) {
            while (true) {
                int l = 2 * k + 1;
                if (l >= size) {
                    break;
                }
                int r = l + 1;
                int m = r < size && before(heap[r], heap[l]) ? r : l;
                if (!before(heap[m], last)) {
                    break;
                }
                heap[k] = heap[m];
                heap[k].index = k;
                k = m;
            }
        }
        heap[k] = last;
        last.index = k;
    }

    private static boolean before(Event a, Event b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }
}
