package org.xenwb.engine.core.sim;

import java.util.Arrays;

/**
 * The deterministic discrete-event core: events fire ordered by time, then by the order in which they were
 * scheduled (a sequence number given at every {@link #schedule} and {@link #reschedule}), so equal-time events always
 * fire in the same order. Since no two queued events share a (time, sequence) key, the firing order is fully
 * determined by the keys, whatever structure holds them:
 * <ul>
 * <li>events for the current instant (schedule softirqs, mostly) go to a FIFO, which keeps their scheduling order;
 * <li>events less than {@link #WHEEL_SLOTS} buckets of {@code 2^}{@link #WHEEL_SHIFT} ns ahead (about 67 ms) go to
 * a {@link CalendarWheel} (sorted per-bucket lists of event ids in primitive arrays, so cancelling is an unlink);
 * <li>later events go to a 4-ary heap (keys in primitive arrays, in-place {@link #reschedule}) and move to the wheel
 * when it comes to cover their bucket, so every heap event is later than every wheel event.
 * </ul>
 * The queue fires the FIFO's head or the earliest timed event, whichever has the smaller key. Not thread-safe: one
 * simulation runs on one thread.
 */
public final class EventQueue {

    // the heap holds event ids (an id per event object, given when it is first scheduled) and, in a parallel
    // array, their keys (time at 2i, sequence at 2i+1: a node's four children's keys in 64 adjacent bytes); each
    // id's heap slot is in pos[]. Sifting touches only these primitive arrays, never the event objects.
    /** log2 of the width of a wheel bucket, ns (4.1 us). */
    static final int WHEEL_SHIFT = 12;
    /** Number of wheel buckets. */
    static final int WHEEL_SLOTS = 16384;

    private final CalendarWheel wheel = new CalendarWheel(WHEEL_SHIFT, WHEEL_SLOTS);
    private int[] heap = new int[256];
    private long[] keys = new long[512];
    private Event[] events = new Event[256];
    private int[] pos = new int[256];
    private int nextId;
    private int size;
    /** Ids of events scheduled for {@link #now}, in sequence order, with the sequence number each had when added. */
    private int[] fifo = new int[256];
    private long[] fifoSeqs = new long[256];
    private int fifoHead;
    private int fifoTail;
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
        if (e.queued) {
            throw new IllegalStateException("event already queued");
        }
        if (e.id < 0) {
            register(e);
        }
        e.time = time;
        e.seq = seq++;
        e.queued = true;
        e.inWheel = false;
        if (time == now) {
            pushFifo(e);
            return;
        }
        e.inFifo = false;
        if (wheel.bucketOf(time) < wheel.end()) {
            e.inWheel = true;
            wheel.add(e.id, time, e.seq);
            return;
        }
        heapPush(e, time);
    }

    private void heapPush(Event e, long time) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            keys = Arrays.copyOf(keys, size * 4);
        }
        siftUp(size++, e.id, time, e.seq);
    }

    /**
     * Cancels the event if it is queued and schedules it at {@code time}: the same as {@link #cancel} followed by
     * {@link #schedule} (the event gets a new sequence number), but it moves the event within the heap in place.
     *
     * @param e the event
     * @param time absolute time in ns, not before {@link #now()}
     */
    public void reschedule(Event e, long time) {
        if (!e.queued || e.inFifo || e.inWheel || time == now || wheel.bucketOf(time) < wheel.end()) {
            cancel(e);
            schedule(e, time);
            return;
        }
        if (time < now) {
            throw new IllegalArgumentException("event in the past: " + time + " < " + now);
        }
        e.time = time;
        e.seq = seq++;
        int i = pos[e.id];
        // a later key: it can only move down; an earlier time: only up
        if (i > 0 && before(time, e.seq, (i - 1) >>> 2)) {
            siftUp(i, e.id, time, e.seq);
        } else {
            siftDown(i, e.id, time, e.seq);
        }
    }

    /**
     * Cancels a queued event (no effect if it is not queued). It can be scheduled again afterwards.
     *
     * @param e the event
     */
    public void cancel(Event e) {
        if (e.queued) {
            if (e.inWheel) {
                wheel.remove(e.id);
            } else if (!e.inFifo) {
                removeAt(pos[e.id]);
            }
        }
        e.inWheel = false;
        e.queued = false; // a FIFO entry is dropped when it reaches the head of the FIFO
    }

    /**
     * Fires events in order until the next one would be after {@code until}; the clock then stands at
     * {@code until}.
     *
     * @param until absolute time in ns
     * @param cancel checked every 4096 events; may be null
     */
    public void runUntil(long until, BooleanSupplierLike cancel) {
        while (true) {
            Event f = fifoHead();
            int w = wheel.first();
            if (f != null && (w != CalendarWheel.NONE
                    ? before(now, fifoSeqs[fifoHead], wheel.timeOf(w), wheel.seqOf(w))
                    : size == 0 || before(now, fifoSeqs[fifoHead], 0))) {
                fifoHead++;
                f.queued = false;
                f.inFifo = false;
                fired++;
                f.fire(now);
                if (cancel != null && (fired & 4095) == 0 && cancel.getAsBoolean()) {
                    return;
                }
                continue;
            }
            Event e;
            long t;
            if (w != CalendarWheel.NONE) {
                t = wheel.timeOf(w);
                if (t > until) {
                    break;
                }
                e = events[w];
                wheel.removeFirst(w);
                e.inWheel = false;
            } else {
                if (size == 0) {
                    break;
                }
                t = keys[0];
                if (t > until) {
                    break;
                }
                e = events[heap[0]];
                removeAt(0);
                wheel.advanceTo(wheel.bucketOf(t));
            }
            e.queued = false;
            now = t;
            migrate();
            fired++;
            e.fire(t);
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

    /** Moves the heap's events whose buckets the wheel now covers into the wheel. */
    private void migrate() {
        long end = wheel.end();
        while (size > 0 && wheel.bucketOf(keys[0]) < end) {
            Event e = events[heap[0]];
            long t = keys[0];
            removeAt(0);
            e.inWheel = true;
            wheel.add(e.id, t, e.seq);
        }
    }

    private void pushFifo(Event e) {
        e.inFifo = true;
        if (fifoTail == fifo.length) {
            if (fifoHead > 0) {
                // slide the live entries down
                System.arraycopy(fifo, fifoHead, fifo, 0, fifoTail - fifoHead);
                System.arraycopy(fifoSeqs, fifoHead, fifoSeqs, 0, fifoTail - fifoHead);
                fifoTail -= fifoHead;
                fifoHead = 0;
            } else {
                fifo = Arrays.copyOf(fifo, fifo.length * 2);
                fifoSeqs = Arrays.copyOf(fifoSeqs, fifo.length);
            }
        }
        fifo[fifoTail] = e.id;
        fifoSeqs[fifoTail++] = e.seq;
    }

    /** @return the FIFO's first live entry (stale entries of cancelled or moved events are dropped), or null */
    private Event fifoHead() {
        while (fifoHead < fifoTail) {
            Event e = events[fifo[fifoHead]];
            if (e.queued && e.inFifo && e.seq == fifoSeqs[fifoHead]) {
                return e;
            }
            fifoHead++;
        }
        fifoHead = 0;
        fifoTail = 0;
        return null;
    }

    private void register(Event e) {
        if (nextId == events.length) {
            events = Arrays.copyOf(events, nextId * 2);
            pos = Arrays.copyOf(pos, nextId * 2);
        }
        e.id = nextId++;
        events[e.id] = e;
        wheel.ensureIds(nextId);
    }

    private void removeAt(int i) {
        int last = --size;
        if (i == last) {
            return;
        }
        // the last element takes slot i and moves up or down from there
        int moved = heap[last];
        long t = keys[2 * last];
        long q = keys[2 * last + 1];
        if (i > 0 && before(t, q, (i - 1) >>> 2)) {
            siftUp(i, moved, t, q);
        } else {
            siftDown(i, moved, t, q);
        }
    }

    private void siftUp(int i, int id, long t, long q) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(t, q, parent)) {
                break;
            }
            place(i, heap[parent], keys[2 * parent], keys[2 * parent + 1]);
            i = parent;
        }
        place(i, id, t, q);
    }

    private void siftDown(int i, int id, long t, long q) {
        while (true) {
            int l = 4 * i + 1;
            if (l >= size) {
                break;
            }
            int m = l;
            long mt = keys[2 * l];
            int end = Math.min(l + 4, size);
            for (int c = l + 1; c < end; c++) {
                long ct = keys[2 * c];
                if (ct < mt || (ct == mt && keys[2 * c + 1] < keys[2 * m + 1])) {
                    m = c;
                    mt = ct;
                }
            }
            if (mt > t || (mt == t && keys[2 * m + 1] > q)) {
                break;
            }
            place(i, heap[m], mt, keys[2 * m + 1]);
            i = m;
        }
        place(i, id, t, q);
    }

    private void place(int i, int id, long t, long q) {
        heap[i] = id;
        keys[2 * i] = t;
        keys[2 * i + 1] = q;
        pos[id] = i;
    }

    /** @return whether key (t, q) orders before the key at heap slot j */
    private boolean before(long t, long q, int j) {
        return before(t, q, keys[2 * j], keys[2 * j + 1]);
    }

    private static boolean before(long t1, long q1, long t2, long q2) {
        return t1 < t2 || (t1 == t2 && q1 < q2);
    }
}
