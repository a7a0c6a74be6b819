package org.xenwb.engine.core.sched;

import java.util.Arrays;

import org.xenwb.engine.core.sched.RtdsScheduler.RtUnit;

/**
 * The lowest-priority unit running on any pCPU (a tournament tree over the pCPUs), so that RTDS's
 * {@code runq_tickle} can tell in O(1) that a unit cannot preempt anyone: the lowest-priority unit among any subset
 * of the pCPUs has at least the priority of this one. Every change of a pCPU's running unit, and of a running unit's
 * priority level or deadline, must be followed by {@link #update} of that pCPU before the next {@link #lowest}.
 * Simulation thread only.
 */
final class RtdsLowestRunning {

    private final RtUnit[] onCpu;
    /** Leaves at {@code leaves + cpu}; each node holds the pCPU of the lowest-priority unit below it, or -1. */
    private final int[] tree;
    /** Each node's unit's priority level and deadline, so that updates compare keys without touching units. */
    private final int[] nodeLevel;
    private final long[] nodeDeadline;
    private final int leaves;

    /**
     * @param onCpu the unit running on each pCPU (null for idle), read at each {@link #update}
     */
    RtdsLowestRunning(RtUnit[] onCpu) {
        this.onCpu = onCpu;
        int n = 1;
        while (n < Math.max(1, onCpu.length)) {
            n <<= 1;
        }
        leaves = n;
        tree = new int[2 * n];
        nodeLevel = new int[2 * n];
        nodeDeadline = new long[2 * n];
        Arrays.fill(tree, -1);
    }

    /**
     * Recomputes after pCPU {@code cpu}'s running unit or that unit's priority changed.
     *
     * @param cpu the pCPU
     */
    void update(int cpu) {
        int i = leaves + cpu;
        RtUnit u = onCpu[cpu];
        tree[i] = u == null ? -1 : cpu;
        if (u != null) {
            nodeLevel[i] = u.priorityLevel;
            nodeDeadline[i] = u.curDeadline;
        }
        for (i >>>= 1; i >= 1; i >>>= 1) {
            int a = 2 * i;
            int b = a + 1;
            // the lower-priority side (later level, then later deadline); the left one on a tie
            int w = tree[b] < 0 ? a : tree[a] < 0 ? b
                    : nodeLevel[b] > nodeLevel[a] || nodeLevel[b] == nodeLevel[a] && nodeDeadline[b] > nodeDeadline[a]
                            ? b : a;
            if (tree[i] == tree[w] && nodeLevel[i] == nodeLevel[w] && nodeDeadline[i] == nodeDeadline[w]) {
                return; // this node is unchanged, so are those above it
            }
            tree[i] = tree[w];
            nodeLevel[i] = nodeLevel[w];
            nodeDeadline[i] = nodeDeadline[w];
        }
    }

    /** Forgets every pCPU (all idle). */
    void clear() {
        Arrays.fill(tree, -1);
    }

    /** @return the lowest-priority running unit (any of them on equal priority), or null when all pCPUs are idle */
    RtUnit lowest() {
        return tree[1] < 0 ? null : onCpu[tree[1]];
    }
}
