package org.xenwb.trace.core.state;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * One lane of the state model: the intervals of one vCPU or one pCPU, back to back in time. Interval {@code i}
 * starts at {@link #start(int)} (TSC cycles) and ends where interval {@code i + 1} starts, the last one at
 * {@link #end()}. Each has a state ({@link Runstate}) and an argument: for a vCPU lane the pCPU it runs on while
 * {@link Runstate#RUNNING} (else -1); for a pCPU lane the vCPU that runs, as {@code domain << 16 | vcpu} (else -1).
 *
 * <p>Every {@value #CHECKPOINT} intervals the lane keeps the time spent in each state since its start, so the time
 * per state in any range costs one binary search and at most {@value #CHECKPOINT} steps: this is what answers a
 * level-of-detail query in the same time whatever the length of the trace.</p>
 *
 * <p>Immutable and thread-safe once built (the buffers are only read with absolute gets). The buffers are heap
 * arrays when the lane comes from a {@link StateModelBuilder}, or slices of a memory-mapped index file.</p>
 */
public final class Lane {

    /** Intervals between two cumulative checkpoints. */
    public static final int CHECKPOINT = 64;

    private final LaneId id;
    private final LongBuffer starts;
    private final ByteBuffer states;
    private final IntBuffer args;
    private final LongBuffer cumulative;
    private final long end;
    private final int size;

    /**
     * A lane over existing buffers (used by the index reader).
     *
     * @param id the lane's identity
     * @param starts interval starts, non-decreasing, {@code size} entries
     * @param states interval states, {@code size} entries
     * @param args interval arguments, {@code size} entries
     * @param cumulative {@code (size / CHECKPOINT + 1) * Runstate.COUNT} entries: the time per state before
     *        interval {@code k * CHECKPOINT}
     * @param end the end of the last interval, &gt;= its start
     */
    public Lane(LaneId id, LongBuffer starts, ByteBuffer states, IntBuffer args, LongBuffer cumulative, long end) {
        this.id = id;
        this.starts = starts;
        this.states = states;
        this.args = args;
        this.cumulative = cumulative;
        this.end = end;
        this.size = starts.limit();
        if (states.limit() != size || args.limit() != size
                || cumulative.limit() != checkpoints(size) * Runstate.COUNT) {
            throw new IllegalArgumentException("inconsistent lane buffers for " + id);
        }
    }

    /**
     * @param size number of intervals
     * @return number of cumulative checkpoints a lane of that size keeps
     */
    public static int checkpoints(int size) {
        return size / CHECKPOINT + 1;
    }

    /** @return which vCPU or pCPU */
    public LaneId id() {
        return id;
    }

    /** @return number of intervals */
    public int size() {
        return size;
    }

    /**
     * @param i interval index
     * @return its start, TSC cycles
     */
    public long start(int i) {
        return starts.get(i);
    }

    /**
     * @param i interval index
     * @return its end, TSC cycles: the next start, or {@link #end()}
     */
    public long end(int i) {
        return i + 1 < size ? starts.get(i + 1) : end;
    }

    /**
     * @param i interval index
     * @return its state, a {@link Runstate} constant
     */
    public int state(int i) {
        return states.get(i);
    }

    /**
     * @param i interval index
     * @return its argument (see the class comment)
     */
    public int arg(int i) {
        return args.get(i);
    }

    /** @return the end of the last interval (TSC cycles) */
    public long end() {
        return end;
    }

    /** @return the start of the first interval, or {@link #end()} for an empty lane */
    public long first() {
        return size == 0 ? end : starts.get(0);
    }

    /**
     * The interval that holds a time.
     *
     * @param t TSC cycles
     * @return the last interval whose start is &lt;= t, or -1 when t is before the first (or the lane is empty)
     */
    public int find(long t) {
        int lo = 0;
        int hi = size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts.get(mid) <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Adds to {@code out} the time spent in each state from the lane's start to {@code t} (clamped to the lane).
     *
     * @param t TSC cycles
     * @param sign +1 to add, -1 to subtract
     * @param out {@link Runstate#COUNT} entries, cycles
     */
    public void addTimeBefore(long t, int sign, long[] out) {
        if (size == 0 || t <= starts.get(0)) {
            return;
        }
        long clamped = Math.min(t, end);
        int i = find(clamped);
        int k = i / CHECKPOINT;
        for (int s = 0; s < Runstate.COUNT; s++) {
            out[s] += sign * cumulative.get(k * Runstate.COUNT + s);
        }
        for (int j = k * CHECKPOINT; j < i; j++) {
            out[states.get(j)] += sign * (starts.get(j + 1) - starts.get(j));
        }
        out[states.get(i)] += sign * (clamped - starts.get(i));
    }

    /**
     * The time spent in each state within {@code [from, to)}.
     *
     * @param from TSC cycles
     * @param to TSC cycles, &gt;= from
     * @param out {@link Runstate#COUNT} entries, cycles; overwritten
     */
    public void timeIn(long from, long to, long[] out) {
        java.util.Arrays.fill(out, 0);
        addTimeBefore(to, 1, out);
        addTimeBefore(from, -1, out);
    }
}
