package org.xenwb.engine.core.sched;

import java.util.Arrays;

import org.xenwb.engine.core.sched.RtdsScheduler.RtUnit;

/**
 * RTDS's run queue: the queued units ordered as rt.c's {@code deadline_queue_insert} keeps its list, by priority
 * level, then deadline, then insertion (a unit goes after every unit of equal priority). Kept as an indexed 4-ary
 * min-heap on primitive copies of those keys, so adding and removing any unit take O(log n) and the head O(1);
 * {@link #firstMatching} returns the first unit in that order that a pCPU may run.
 *
 * <p>A unit's key must not change while it is queued (remove it, change it, add it again). Simulation thread
 * only.</p>
 */
final class RtdsRunQueue {

    /** Decides whether the given pCPU may run a queued unit. */
    interface Eligibility {
        /**
         * @param u a queued unit
         * @param cpu the pCPU
         * @return whether {@code cpu} may pick {@code u}
         */
        boolean test(RtUnit u, int cpu);
    }

    private RtUnit[] units = new RtUnit[64];
    private int[] level = new int[64];
    private long[] deadline = new long[64];
    private long[] seq = new long[64];
    private int size;
    private long inserts;

    /** @return how many units are queued */
    int size() {
        return size;
    }

    /** @return whether no unit is queued */
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * @param i 0 .. {@link #size()} - 1
     * @return a queued unit, in no particular order (for checks that visit all)
     */
    RtUnit get(int i) {
        return units[i];
    }

    /** @return the first unit in queue order, or null when empty */
    RtUnit first() {
        return size == 0 ? null : units[0];
    }

    /**
     * Queues a unit after every queued unit of the same level and deadline.
     *
     * @param u a unit that is not queued
     */
    void add(RtUnit u) {
        if (size == units.length) {
            int n = size * 2;
            units = Arrays.copyOf(units, n);
            level = Arrays.copyOf(level, n);
            deadline = Arrays.copyOf(deadline, n);
            seq = Arrays.copyOf(seq, n);
        }
        u.runqSeq = inserts++;
        int i = size++;
        place(u, i);
        siftUp(i);
    }

    /**
     * Takes a queued unit off the queue.
     *
     * @param u a queued unit
     */
    void remove(RtUnit u) {
        int i = u.runqIndex;
        if (i < 0 || i >= size || units[i] != u) {
            throw new IllegalStateException("rtds: " + u.v + " is not on the run queue");
        }
        u.runqIndex = -1;
        int last = --size;
        if (i != last) {
            place(units[last], i);
            units[last] = null;
            if (!siftUp(i)) {
                siftDown(i);
            }
        } else {
            units[last] = null;
        }
    }

    /**
     * The first unit in queue order that {@code cpu} may run: the head when it may (the usual case), otherwise the
     * least key among the eligible units, found by visiting all.
     *
     * @param cpu the pCPU
     * @param ok which units it may run
     * @return the unit, or null when none is eligible
     */
    RtUnit firstMatching(int cpu, Eligibility ok) {
        if (size == 0 || ok.test(units[0], cpu)) {
            return first();
        }
        int best = -1;
        for (int i = 1; i < size; i++) {
            if ((best < 0 || less(i, best)) && ok.test(units[i], cpu)) {
                best = i;
            }
        }
        return best < 0 ? null : units[best];
    }

    private void place(RtUnit u, int i) {
        units[i] = u;
        level[i] = u.priorityLevel;
        deadline[i] = u.curDeadline;
        seq[i] = u.runqSeq;
        u.runqIndex = i;
    }

    /** @return whether the entry at {@code a} comes before the one at {@code b} */
    private boolean less(int a, int b) {
        if (level[a] != level[b]) {
            return level[a] < level[b];
        }
        if (deadline[a] != deadline[b]) {
            return deadline[a] < deadline[b];
        }
        return seq[a] < seq[b];
    }

    private void swap(int a, int b) {
        RtUnit ua = units[a];
        place(units[b], a);
        place(ua, b);
    }

    /** @return whether the entry moved */
    private boolean siftUp(int i) {
        int start = i;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!less(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
        return i != start;
    }

    private void siftDown(int i) {
        while (true) {
            int child = 4 * i + 1;
            if (child >= size) {
                return;
            }
            int best = child;
            int end = Math.min(child + 4, size);
            for (int c = child + 1; c < end; c++) {
                if (less(c, best)) {
                    best = c;
                }
            }
            if (!less(best, i)) {
                return;
            }
            swap(i, best);
            i = best;
        }
    }
}
