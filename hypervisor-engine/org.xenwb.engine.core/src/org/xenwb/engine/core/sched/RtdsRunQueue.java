package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.xenwb.engine.core.sched.RtdsScheduler.RtUnit;

/**
 * RTDS's run queue: the queued units ordered as rt.c's {@code deadline_queue_insert} keeps its list, by priority
 * level, then deadline, then insertion (a unit goes after every unit of equal priority).
 *
 * <p>Units of equal key (level and deadline) form a group, a FIFO list linked through the units; the groups are
 * kept in an array sorted by key. Units of a pool share periods more often than not and their deadlines then fall
 * on a few instants, so there are few groups: queueing is a short search and an append, taking the first unit off
 * is an unlink, with no comparison among the units of a group (a heap of units compares their keys, mostly ties,
 * at every level). With as many groups as units, adding or removing a group moves the array's tail.
 * {@link #firstMatching} returns the first unit in queue order that a pCPU may run.</p>
 *
 * <p>A queued unit's key may change only right before {@link #requeue} (or remove it, change it, add it again).
 * Simulation thread only.</p>
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

    /** The queued units of one key, oldest first. */
    static final class Group {
        int level;
        long deadline;
        RtUnit head;
        RtUnit tail;
    }

    private Group[] groups = new Group[16];
    private int groupCount;
    /** Emptied groups, reused. */
    private final List<Group> spare = new ArrayList<>();
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

    /** @return the queued units in queue order (a copy) */
    List<RtUnit> units() {
        List<RtUnit> all = new ArrayList<>(size);
        for (int g = 0; g < groupCount; g++) {
            for (RtUnit u = groups[g].head; u != null; u = u.runqNext) {
                all.add(u);
            }
        }
        return all;
    }

    /** @return the first unit in queue order, or null when empty */
    RtUnit first() {
        return groupCount == 0 ? null : groups[0].head;
    }

    /**
     * Queues a unit after every queued unit of the same level and deadline.
     *
     * @param u a unit that is not queued
     */
    void add(RtUnit u) {
        if (u.runqGroup != null) {
            throw new IllegalStateException("rtds: " + u.v + " is already on the run queue");
        }
        u.runqSeq = inserts++;
        int level = u.priorityLevel;
        long deadline = u.curDeadline;
        int g = search(level, deadline);
        Group group;
        if (g >= 0) {
            group = groups[g];
        } else {
            group = newGroup(-g - 1, level, deadline);
        }
        u.runqGroup = group;
        u.runqNext = null;
        u.runqPrev = group.tail;
        if (group.tail == null) {
            group.head = u;
        } else {
            group.tail.runqNext = u;
        }
        group.tail = u;
        size++;
    }

    /**
     * Takes a queued unit off the queue.
     *
     * @param u a queued unit
     */
    void remove(RtUnit u) {
        Group group = u.runqGroup;
        if (group == null) {
            throw new IllegalStateException("rtds: " + u.v + " is not on the run queue");
        }
        RtUnit prev = u.runqPrev;
        RtUnit next = u.runqNext;
        if (prev == null) {
            group.head = next;
        } else {
            prev.runqNext = next;
        }
        if (next == null) {
            group.tail = prev;
        } else {
            next.runqPrev = prev;
        }
        u.runqGroup = null;
        u.runqPrev = null;
        u.runqNext = null;
        size--;
        if (group.head == null) {
            removeGroup(group);
        }
    }

    /**
     * Moves a queued unit whose priority level or deadline changed to its new place, as taking it off and queueing
     * it again does (after every queued unit of the same level and deadline).
     *
     * @param u a queued unit
     */
    void requeue(RtUnit u) {
        remove(u);
        add(u);
    }

    /**
     * The first unit in queue order that {@code cpu} may run (the head, usually).
     *
     * @param cpu the pCPU
     * @param ok which units it may run
     * @return the unit, or null when none is eligible
     */
    RtUnit firstMatching(int cpu, Eligibility ok) {
        for (int g = 0; g < groupCount; g++) {
            for (RtUnit u = groups[g].head; u != null; u = u.runqNext) {
                if (ok.test(u, cpu)) {
                    return u;
                }
            }
        }
        return null;
    }

    /** @return the index of the group of that key, or {@code -(insertion point) - 1} when there is none */
    private int search(int level, long deadline) {
        int lo = 0;
        int hi = groupCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Group m = groups[mid];
            int c = m.level != level ? Integer.compare(m.level, level) : Long.compare(m.deadline, deadline);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private Group newGroup(int at, int level, long deadline) {
        if (groupCount == groups.length) {
            groups = Arrays.copyOf(groups, 2 * groupCount);
        }
        Group group = spare.isEmpty() ? new Group() : spare.remove(spare.size() - 1);
        group.level = level;
        group.deadline = deadline;
        System.arraycopy(groups, at, groups, at + 1, groupCount - at);
        groups[at] = group;
        groupCount++;
        return group;
    }

    private void removeGroup(Group group) {
        int at = group == groups[0] ? 0 : search(group.level, group.deadline);
        System.arraycopy(groups, at + 1, groups, at, groupCount - at - 1);
        groups[--groupCount] = null;
        group.tail = null;
        spare.add(group);
    }
}
