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
     * Moves a queued unit whose priority level or deadline changed to its new place, as taking it off and queueing
     * it again would (after every queued unit of the same level and deadline), in one sift.
     *
     * @param u a queued unit
     */
    void requeue(RtUnit u) {
        int i = u.runqIndex;
        if (i < 0 || i >= size || units[i] != u) {
            throw new IllegalStateException("rtds: " + u.v + " is not on the run queue");
        }
        u.runqSeq = inserts++;
        place(u, i);
        if (!siftUp(i)) {
            siftDown(i);
        }
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
        put(i, u, u.priorityLevel, u.curDeadline, u.runqSeq);
    }

    private void put(int i, RtUnit u, int l, long d, long s) {
        units[i] = u;
        level[i] = l;
        deadline[i] = d;
        seq[i] = s;
        u.runqIndex = i;
    }

    /** @return whether the entry at {@code a} comes before the one at {@code b} */
    private boolean less(int a, int b) {
        return before(level[a], deadline[a], seq[a], level[b], deadline[b], seq[b]);
    }

    /**
     * @return whether key (l1, d1, s1) comes before key (l2, d2, s2)
     */
    private static boolean before(int l1, long d1, long s1, int l2, long d2, long s2) {
        // one return of a flag, not a return per key, and a conditional expression in siftDown's choice of child:
        // the Eclipse compiler (which builds the bundles) then gives bytecode that the JIT turns into fewer
        // branches on the keys, which are unpredictable in a heap (RTDS 5-7% faster, measured)
        boolean before;
        if (l1 != l2) {
            before = l1 < l2;
        } else if (d1 != d2) {
            before = d1 < d2;
        } else {
            before = s1 < s2;
        }
        return before;
    }

    /** Moves the entry at {@code from} to the slot {@code to}. */
    private void move(int from, int to) {
        RtUnit u = units[from];
        units[to] = u;
        level[to] = level[from];
        deadline[to] = deadline[from];
        seq[to] = seq[from];
        u.runqIndex = to;
    }

    /**
     * Moves the entry at {@code i} up past the parents it comes before (parents move down into the hole).
     *
     * @return whether it moved
     */
    private boolean siftUp(int i) {
        RtUnit u = units[i];
        int l = level[i];
        long d = deadline[i];
        long s = seq[i];
        int start = i;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(l, d, s, level[parent], deadline[parent], seq[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        if (i != start) {
            put(i, u, l, d, s);
        }
        return i != start;
    }

    /** Moves the entry at {@code i} down past the children that come before it. */
    private void siftDown(int i) {
        RtUnit u = units[i];
        int l = level[i];
        long d = deadline[i];
        long s = seq[i];
        int start = i;
        while (true) {
            int child = 4 * i + 1;
            if (child >= size) {
                break;
            }
            int best = child;
            int end = Math.min(child + 4, size);
            for (int c = child + 1; c < end; c++) {
                best = less(c, best) ? c : best;
            }
            if (!before(level[best], deadline[best], seq[best], l, d, s)) {
                break;
            }
            move(best, i);
            i = best;
        }
        if (i != start) {
            put(i, u, l, d, s);
        }
    }
}
